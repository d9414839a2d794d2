"""What the user sees: the board, the fact sheet, exports. Views read the store, never the extractor."""
