"""Linking: find term mentions in a page's Markdown tree and link the first of each.

Also the text helpers every renderer shares (escaping, relative URLs, sanitising, small
accessibility repairs to rendered HTML).
"""
