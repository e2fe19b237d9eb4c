# socialaudit — the two commands a newcomer types are `make report` and `make test`.
SWIFT    ?= swift
PREFIX   ?= /usr/local
CONFIG   ?= debug
BIN      := .build/$(CONFIG)/socialaudit
# The samples' archives were generated at the end of October 2026: audit them as of then.
AS_OF    ?= 2026-11-01

.PHONY: all build test report bench fuzz install clean samples

all: build

# Each command installs what it needs first (scripts/setup.sh: Debian packages as root, else the
# one apt-get line to run; the tests' Python packages in .venv/).
build:
	@bash scripts/setup.sh build
	$(SWIFT) build -c $(CONFIG)

## Swift tests, then the reports in a real browser (W3C validator, headless Chromium, axe-core),
## then e-mail delivered to a real SMTP server on 127.0.0.1 (aiosmtpd) and through msmtp.
test:
	@bash scripts/setup.sh test
	$(SWIFT) test
	.venv/bin/python -m pytest -q -p no:cacheprovider Tests/Browser
	.venv/bin/python -m pytest -q -p no:cacheprovider Tests/Mail

## Audit the bundled sample district (samples/) and print what was read.
report: build
	$(BIN) run --config samples/socialaudit.json --as-of $(AS_OF)

## Regenerate samples/ from scripts/make-samples.py (deterministic).
samples:
	python3 scripts/make-samples.py

## The whole audit against a sed + jq baseline, parallel jobs and a nightly run (see README, Performance).
bench:
	@bash scripts/setup.sh bench
	bash scripts/bench.sh

## libFuzzer + AddressSanitizer on the archive JSON, inventory XML and roster readers (FUZZ_SECONDS each).
fuzz:
	bash scripts/fuzz.sh

## The release binary links the Swift runtime in (--static-swift-stdlib): one self-contained
## file to copy to a server, and 20 ms less start-up per run than with the shared libraries
## (scripts/build-release.sh says why each of its flags).
install:
	SWIFT=$(SWIFT) bash scripts/build-release.sh
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/socialaudit
	install -m 0755 .build/release/socialaudit $(DESTDIR)$(PREFIX)/bin/socialaudit
	# The inventory schema and the shipped lexicon are compiled into the binary; only the templates
	# are files (a district may point --templates at its own copy).
	cp -R templates $(DESTDIR)$(PREFIX)/share/socialaudit/

clean:
	rm -rf .build out samples/out samples/state
