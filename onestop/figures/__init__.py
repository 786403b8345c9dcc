"""Figures for supervisors: the periodic report, cut-time targets, the ledger, late review, trends, with their PDF and XLSX writers side by side."""
