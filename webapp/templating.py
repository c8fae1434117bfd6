"""The one place template globals are registered: every word from `webapp.wording`.

Templates reach wording only through these names, so a sentence has one source whichever
audience's page shows it.
"""

from __future__ import annotations

from flask import Flask

from register.history import chronological
from register.label_guide import CHECKED_LABEL_ID, bundled_guide
from reports.submission import KINDS
from search_index import MAX_QUERY_LENGTH
from webapp import clock, i18n
from webapp.certifiers import token_revoked_on
from webapp.wording import (
    BASIS_LABELS,
    EVENT_LABELS,
    LABEL_NAME,
    MATCH_LABELS,
    SITE_NAME,
    STATUS_SYMBOLS,
    as_typed,
    bounded_date,
    certificates,
    event_words,
    explanation,
    field_labels,
    guide_words,
    latest_evidence_phrase,
    quoted,
    report_form,
    status_label,
)
from webapp.wording.dates import long_date
from webapp.wording.register_text import plain_register_text, register_text
from webapp.wording.verdict import (
    STATUS_KEY,
    dated_status,
    finding_sources,
    page_title,
    plain_verdict,
    status_words,
)


def init_app(app: Flask) -> None:
    app.url_defaults(i18n.keep_chosen_locale)
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["quoted"] = quoted
    app.jinja_env.globals["as_typed"] = as_typed
    app.jinja_env.filters["plain_register_text"] = plain_register_text
    app.jinja_env.globals.update(
        site_name=SITE_NAME,
        label_name=LABEL_NAME,
        status_label=status_label,
        status_symbol=lambda status: STATUS_SYMBOLS.get(status, "?"),
        basis_label=lambda basis: str(BASIS_LABELS[basis]),
        explanation=explanation,
        plain_verdict=plain_verdict,
        dated_status=dated_status,
        page_title=page_title,
        status_words=status_words,
        finding_sources=finding_sources,
        status_key_words=lambda status: str(STATUS_KEY[status]),
        bounded_date=bounded_date,
        latest_evidence_phrase=latest_evidence_phrase,
        event_label=lambda event: str(EVENT_LABELS.get(event, event)),
        event_words=event_words,
        field_labels=field_labels,
        match_label=lambda match_type: str(MATCH_LABELS.get(match_type, match_type)),
        chronological=chronological,
        register_text=register_text,
        plain_register_text=plain_register_text,
        today=clock.today,
        current_locale=i18n.current_locale,
        chosen_locale=i18n.chosen_locale,
        locale_url=i18n.locale_url,
        locale_alternates=i18n.locale_alternates,
        other_locales=i18n.other_locales,
        max_query_length=MAX_QUERY_LENGTH,
        # The labels guide
        in_language=guide_words.in_language,
        french_name=guide_words.french_name,
        guide_label=lambda label_id: bundled_guide().get(label_id),
        source_date=guide_words.source_date,
        holder_years=guide_words.holder_years,
        holder_count=guide_words.holder_count,
        checked_label=lambda: bundled_guide().get(CHECKED_LABEL_ID),
        guide_source=lambda source_id: bundled_guide().source(source_id),
        label_kind=lambda kind: guide_words.KIND_LABELS.get(kind, kind),
        source_kind=lambda kind: guide_words.SOURCE_KIND_LABELS.get(kind, kind),
        aspect_labels=guide_words.ASPECT_LABELS,
        # Certificate records
        certificate_status=lambda status: str(certificates.VERSION_STATUS_LABELS[status]),
        certificate_version=certificates.version_summary,
        certificate_published_by=certificates.published_by,
        # The report form and the change log
        report_kinds=KINDS,
        report_kind_labels=report_form.KIND_LABELS,
        change_field_label=report_form.change_field_label,
        change_value=report_form.change_value,
        publisher_name=report_form.publisher_name,
        token_revoked_on=token_revoked_on,
    )
