# Build and install claimlint like any command-line tool:
#   make                          release build (.build/release/claimlint)
#   make install                  binary, man page and shell completions under PREFIX (/usr/local)
#   make install PREFIX=~/.local  or DESTDIR=/tmp/pkg for packagers
#   make uninstall
# On Linux the Swift runtime and Foundation are linked in (--static-swift-stdlib), as SwiftLint
# ships its Linux binary: the installed claimlint needs no Swift toolchain, only libcmark and
# libstemmer. The man page comes from swift-argument-parser's manual generator, the completions
# from the binary itself
# (`claimlint --generate-completion-script bash|zsh|fish`).

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift

BINDIR := $(DESTDIR)$(PREFIX)/bin
MANDIR := $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

BUILD_FLAGS := -c release --product claimlint
ifeq ($(shell uname -s),Linux)
BUILD_FLAGS += --static-swift-stdlib
endif

GENERATED := .build/claimlint-install
# The manual's date: the last commit's, so the same sources give the same page.
MAN_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)

.PHONY: all build man completions install uninstall clean

all: build

build:
	$(SWIFT) build $(BUILD_FLAGS)

# swift-argument-parser's manual generator (what its generate-manual plugin runs), run on the binary
# just built: the plugin would build claimlint a second time in release, with other flags.
man: build
	$(SWIFT) build --product generate-manual
	mkdir -p $(GENERATED)
	"$$($(SWIFT) build --show-bin-path)/generate-manual" "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/claimlint" \
	  --date $(MAN_DATE) --authors "the claimlint authors" --output-directory $(GENERATED)

completions: build
	mkdir -p $(GENERATED)
	bin="$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/claimlint" && \
	  "$$bin" --generate-completion-script bash > $(GENERATED)/claimlint.bash && \
	  "$$bin" --generate-completion-script zsh > $(GENERATED)/_claimlint && \
	  "$$bin" --generate-completion-script fish > $(GENERATED)/claimlint.fish

install: build man completions
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/claimlint" $(BINDIR)/claimlint
	install -m 644 $(GENERATED)/claimlint.1 $(MANDIR)/claimlint.1
	install -m 644 $(GENERATED)/claimlint.bash $(BASHDIR)/claimlint
	install -m 644 $(GENERATED)/_claimlint $(ZSHDIR)/_claimlint
	install -m 644 $(GENERATED)/claimlint.fish $(FISHDIR)/claimlint.fish

uninstall:
	rm -f $(BINDIR)/claimlint $(MANDIR)/claimlint.1 $(BASHDIR)/claimlint $(ZSHDIR)/_claimlint $(FISHDIR)/claimlint.fish

clean:
	rm -rf $(GENERATED)
