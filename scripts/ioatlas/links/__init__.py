"""Link checking: internal links of the built site (offline, part of `make test`) and outside links
of the data and hand-written pages (network, `make linkcheck`, cached and allowlisted)."""
