"""The words of the report form: kinds, and one sentence per problem a field can have."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from webapp.wording import FIELD_LABELS, STATUS_LABELS, long_date
from webapp.wording.certificates import VERSION_STATUS_LABELS

KIND_LABELS = {
    "error": _l("Une erreur dans une fiche (nom, SIREN, site web…)"),
    "renewed": _l("La certification a été renouvelée"),
    "expired": _l("La certification a expiré"),
    "suspended": _l("La certification a été suspendue"),
    "withdrawn": _l("La certification a été retirée"),
    "addition": _l("Une entreprise certifiée à ajouter au registre"),
    "certificate": _l("Vous êtes l'entreprise : votre certificat, pour le publier"),
}
PROBLEMS = {
    "kind_missing": _l("Choisissez ce que vous signalez."),
    "company_missing": _l("Indiquez l'entreprise concernée."),
    "company_too_long": _l("Le nom de l'entreprise est trop long (200 caractères au plus)."),
    "company_unknown": _l(
        "Cette entreprise n'est pas dans le registre : choisissez-la dans la liste, "
        "ou signalez-la comme entreprise à ajouter."
    ),
    "company_already_listed": _l(
        "Cette entreprise est déjà dans le registre : signalez plutôt une erreur ou un "
        "changement de statut."
    ),
    "hidden_characters": _l(
        "Ce champ contient un caractère invisible qui changerait l'affichage du texte (retour "
        "à la ligne, caractère de contrôle ou d'inversion du sens d'écriture comme U+202E) : "
        "retirez-le, puis envoyez à nouveau."
    ),
    "details_too_short": _l("Décrivez le problème en quelques mots (10 caractères au moins)."),
    "details_too_long": _l("La description est trop longue (2 000 caractères au plus)."),
    "evidence_missing": _l(
        "Un changement de statut ou un ajout doit s'appuyer sur un document : indiquez son adresse."
    ),
    "evidence_not_http": _l(
        "L'adresse du document doit être une adresse web complète, commençant par "
        "http:// ou https://."
    ),
    "evidence_too_long": _l("L'adresse du document est trop longue (2 000 caractères au plus)."),
    "certificate_number_invalid": _l(
        "Indiquez le numéro du certificat tel qu'il est imprimé : lettres et chiffres, "
        "avec au moins un chiffre, séparés au plus par des tirets, points ou barres obliques."
    ),
    "certificate_issuer_missing": _l("Indiquez l'organisme qui a délivré le certificat."),
    "certificate_issuer_invalid": _l(
        "Le nom de l'organisme est trop long (200 caractères au plus) ou contient des "
        "caractères de contrôle."
    ),
    "certificate_date_invalid": _l(
        "Indiquez une date complète, au format AAAA-MM-JJ (2026-01-05)."
    ),
    "certificate_dates_reversed": _l(
        "La fin de validité doit suivre la date de délivrance, de dix ans au plus."
    ),
    "email_invalid": _l(
        "Cette adresse électronique n'est pas valide ; vous pouvez aussi la laisser vide."
    ),
}
FORM_PROBLEMS = {
    "expired": _l(
        "Ce formulaire a été ouvert il y a trop longtemps. Votre saisie est conservée : "
        "relisez-la puis envoyez-la à nouveau."
    ),
    "too_fast": _l(
        "Pour nous protéger des envois automatiques, un formulaire ne part pas dans les "
        "premières secondes. Votre saisie est conservée : patientez quelques secondes, puis "
        "renvoyez."
    ),
    "token_invalid": _l(
        "Ce formulaire n'a pas été servi par ce site, ou a été modifié. Votre saisie est "
        "conservée : envoyez-la à nouveau."
    ),
    "honeypot": _l(
        "Votre signalement n'a pas pu être envoyé. Votre saisie est conservée : vérifiez-la, "
        "puis renvoyez."
    ),
    "over_budget": _l(
        "Trop de signalements ont été envoyés aujourd'hui depuis votre adresse ou pour cette "
        "entreprise. Votre saisie est conservée : réessayez demain."
    ),
    "token_used": _l(
        "Ce formulaire a déjà servi à envoyer un signalement. Votre saisie est conservée : "
        "envoyez-la à nouveau avec ce formulaire-ci."
    ),
    "guard_down": _l(
        "Votre signalement n'a pas été enregistré : notre protection contre les abus ne répond "
        "pas. Votre saisie est conservée : réessayez dans quelques minutes."
    ),
    "not_saved": _l(
        "Votre signalement n'a pas été enregistré : notre base de données ne répond pas. "
        "Votre saisie est conservée : réessayez dans quelques minutes."
    ),
}
CHANGE_FIELDS = {
    "entry": _l("fiche"),
    "certificates": _l("certificat"),
}


def change_field_label(field: str) -> str:
    return str(CHANGE_FIELDS.get(field) or FIELD_LABELS.get(field, field))


def certificate_change(value: dict[str, Any]) -> str:
    """A certificate write in the journal: "n° RCF-1 : en vigueur, du … au …"."""

    def day(name: str) -> str:
        return long_date(dt.date.fromisoformat(value[name]))

    text = _(
        "n° %(number)s : %(status)s, délivré le %(issued)s, valable jusqu'au %(until)s",
        number=value["number"],
        status=VERSION_STATUS_LABELS[value["status"]],
        issued=day("issued_on"),
        until=day("valid_until"),
    )
    if value.get("status_since"):
        text += _(" (depuis le %(since)s)", since=day("status_since"))
    if value.get("basis") == "company":
        text += _(" — déclaré par l'entreprise")
    return text


def change_value(value: Any) -> str:
    """A before/after value in words: nothing is "non publié", a status is named."""
    if value is None or value == []:
        return str(_l("non publié"))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict) and "number" in value:
        return certificate_change(value)
    return str(STATUS_LABELS.get(value, value)) if isinstance(value, str) else str(value)


def publisher_name() -> str:
    return current_app.config["PUBLISHER"] or str(
        _l("un éditeur dont l'identité n'est pas publiée ici")
    )
