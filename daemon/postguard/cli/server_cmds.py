"""Placeholder until this part lands."""

commands: list = []
