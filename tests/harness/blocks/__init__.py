"""One module per block, each registering its BlockContract."""
