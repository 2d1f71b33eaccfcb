"""The consent list: pupils, their consent, staff names and an audit trail."""
