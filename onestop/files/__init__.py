"""Files that leave the program or enter it: safe writes beside the database, spreadsheet-safe text, bounded XLSX input."""
