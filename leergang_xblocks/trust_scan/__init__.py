"""The trust scan (vertrouwensscan) block: `leergang_trust_scan`."""
