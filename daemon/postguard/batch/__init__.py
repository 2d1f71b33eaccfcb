"""Batch re-check of past posts: Facebook exports, JSONL and CSV inputs, and reports.

Readers turn an input into `BatchPost`s, the runner checks them in worker
processes (each loading the model once), and writers stream the results to
.jsonl, .csv or a self-contained .html report.
"""
