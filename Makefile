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
## file to copy to a server (scripts/build-release.sh says why each of its flags). Beside it:
## the templates, the inventory's XSD, the JSON Schemas, a clean example district, the manual
## (swift-argument-parser's generate-manual plugin) and bash, zsh and fish completions.
SHARE    = $(DESTDIR)$(PREFIX)/share
STARTER  = Sources/SocialAuditInventory/Resources/starter
install:
	@bash scripts/setup.sh build
	SWIFT=$(SWIFT) bash scripts/build-release.sh
	$(SWIFT) package plugin generate-manual --configuration debug --authors "the socialaudit maintainers" >/dev/null
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)/socialaudit/schemas $(SHARE)/socialaudit/examples/archives \
	  $(SHARE)/man/man1 $(SHARE)/bash-completion/completions $(SHARE)/zsh/site-functions $(SHARE)/fish/vendor_completions.d
	install -m 0755 .build/release/socialaudit $(DESTDIR)$(PREFIX)/bin/socialaudit
	rm -rf $(SHARE)/socialaudit/templates && cp -R templates $(SHARE)/socialaudit/
	install -m 0644 Sources/SocialAuditInventory/Resources/inventory.xsd $(SHARE)/socialaudit/
	install -m 0644 docs/schemas/*.schema.json $(SHARE)/socialaudit/schemas/
	install -m 0644 $(STARTER)/* $(SHARE)/socialaudit/examples/
	# The plugin leaves a blank line between a discussion's paragraphs, which mdoc warns of: a paragraph break.
	sed 's/^$$/.Pp/' .build/plugins/GenerateManual/outputs/socialaudit/socialaudit.1 > $(SHARE)/man/man1/socialaudit.1
	.build/release/socialaudit --generate-completion-script bash > $(SHARE)/bash-completion/completions/socialaudit
	.build/release/socialaudit --generate-completion-script zsh > $(SHARE)/zsh/site-functions/_socialaudit
	.build/release/socialaudit --generate-completion-script fish > $(SHARE)/fish/vendor_completions.d/socialaudit.fish

clean:
	rm -rf .build out samples/out samples/state
