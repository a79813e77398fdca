"""Placeholder: replaced by the machine-readable exports."""


def defined_term_jsonld(term, glossary, url_of, index_url):
    return None


def write_exports(glossary, site_dir, url_of, scheme_url, last_changed):
    return None
