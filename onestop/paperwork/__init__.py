"""Papers handed over the counter (receipt and forms 02-05) and the PDF machinery they share."""
