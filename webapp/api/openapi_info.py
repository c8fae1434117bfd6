"""The opening of the OpenAPI document (`info.description`): what the data is, and the changelog.

Written for programmers and served in English only, like the rest of /api/v1/openapi.json; the
/api page does not show it. Kept apart from webapp.api.openapi so each file stays readable.
"""

from __future__ import annotations

CHANGELOG = """Changelog.

- 2026-11-30 (v1, additive): English twins. Free text editors write in French may carry an
  English twin beside it, absent where none is written: a source's `title_en` and `note_en`,
  a stored date's `reason_en` (and the finding's `Bounds`), a history event's and a company's
  `note_en`, `label_rules.exists_from_reason_en`. A certifier's API publication has both
  titles. `/journal.json` is now described here (schema `Journal`); its sources carry
  `title_en` where written.
- 2026-11-30 (v1, additive except the register record): certificates. A company record's
  single `certificate` object (always null) is replaced by `certificates`, a list of
  `{number, versions}`: each version `{status (active, suspended, withdrawn, expired),
  issued_on, valid_until, status_since, scope, issuer, published_on, source}`, appended,
  never rewritten. `basis` gains `company` (the company's own certificate, sent to us and
  recorded by moderation: `reported` within its stated validity, never `certified`).
  `reason` gains `certificate_in_force`, `certificate_status`, `certificate_ended`,
  `claim_in_force`, `claim_ended`. The finding gains `certificate`: the version that decided
  it (with `number`, `published_by`), or null. `certified` now means an issuer's certificate
  record is active and the day is within [`issued_on`, `valid_until`]; the day after
  `valid_until` reads `expired` without any import. Sources may carry `publisher` (the
  certifier account that published through the API) instead of a `url`. Search: a
  certificate number finds its company (`match_type` and `read_as` `certificate`); a number
  the register does not hold gives the notice `no_certificate` and the outcome `kind`
  `no_certificate`, with no company.
- 2026-11-30 (v1, additive): search outcomes carry `kind`, what the search amounts to:
  `verdict`, `ambiguous`, `this_label` (the query names the label this site checks),
  `other_label`, `generic_only`, `partial`, `absent`, or `empty` for a blank query. It is
  the answer the search page shows, decided in one place;
  before, clients had to work it out from `verdict`, `results` and `notices`.
- 2026-11-29 (v1, breaking, announced here): statuses are derived for a day instead of stored.
  `status` now takes `certified`, `reported`, `unconfirmed`, `expired`, `suspended`,
  `withdrawn`, `not_certified`, on every company object, summary and search result, for its
  `as_of` day (today by default, `?date=` on `/api/v1/companies/{slug}` and
  `/entreprises/{slug}.json`). New fields: `as_of`, `basis`, `reason`, `explanation`,
  `term_end`, `latest_evidence`, `evidence_is_stale`, `evidence`, `identity_to_verify`.
  The `as_of` object and its `known`/`event` fields are gone (the finding replaces them);
  `last_checked` is renamed `reviewed_on` (an editorial review date, not a verification);
  history events cite `sources` (a list) instead of `source`, and their `date` may be
  bounds `{not_before, not_after, reason}`; sources carry `published`, `accessed`,
  `to_verify`; the register file has `label_rules` (term, earliest grant, sources)
  instead of `label`.
"""

INFO_DESCRIPTION = (
    "Open data on which companies' customer service is reported to hold the "
    "Relation Client France certification, with every record's sources. Free to use, no "
    "key, CORS open to any origin for GET. Errors are application/problem+json. "
    "Certifiers publish certificates with a token (`POST /api/v1/certificates`); anyone "
    "verifies one by its number.\n\n"
    "Every company object carries a finding for its `as_of` day: `status` is `certified` "
    "(an issuer-grade record covers the day), `reported` (only press reports, and the day "
    "is inside the window where the reported certificate was certainly within its term), "
    "`unconfirmed` (reported at some point, but the evidence cannot tell for that day), "
    "`expired`, `suspended`, `withdrawn` (explicit dated events) or `not_certified` (the "
    "label did not exist yet, or no evidence); `basis` is `certificate`, `company` (the "
    "company's own claim), `press` or `none`; "
    "`term_end` bounds the end of the certificate's term; `evidence` lists the dated facts "
    "used.\n\n" + CHANGELOG
)
