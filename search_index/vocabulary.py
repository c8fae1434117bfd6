"""Words people add around a brand name when they search, in French and English.

They are set aside only when they are not part of a company's name or alias: the
spotting of names runs first, so "Mutuelle Assurance des Instituteurs de France" stays
MAIF's legal name and "O2 services à domicile" stays O2's alias. Every entry is written
folded (lower case, no accents, punctuation as spaces), like the index keys.

Kept out on purpose: brand-like words ("free", "orange"), places ("france", "paris"),
sub-brand words ("pro", "entreprises", "renouvelables") and "ma" (the first letters
of MAIF and MACIF while someone is still typing): a query holding one of them keeps
it as an unknown word, which withholds the verdict rather than risk a wrong one.
"""

from __future__ import annotations

# Elided forms, recognised only when an apostrophe follows them ("l'", "qu'").
ELISIONS = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"})

_ARTICLES_AND_LINKS = """
le la les un une des du de au aux a en pour chez sur avec par et ou dans
mon mes ton tes son ses votre vos notre nos leur leurs
est ce que qui quoi quel quelle quels quelles comment combien pourquoi je il elle on
the an of for to in at on with and or my your our is are does do how what where who
"""

_CUSTOMER_SERVICE = """
service|services|service client|service clients|service clientele|service consommateur
service consommateurs|service apres vente|apres vente|sav|relation client|relations clients
relation client france|client|clients|clientele|consommateur|particulier|particuliers
contact|contacts|contacter|joindre|appeler|appel|numero|numeros|num|n|no|numero vert
telephone|tel|portable|hotline|assistance|aide|adresse|adresse mail|mail|email|e mail
courriel|courrier|formulaire|chat|tchat|reclamation|reclamations|plainte|plaintes|litige
mediateur|resiliation|resilier|avis|espace client|espace clients|espace adherent
espace personnel|compte|connexion|se connecter|identifiant|site|site officiel
site internet|site web|officiel|officielle|en ligne|horaires|horaire|agence|agences
magasin|magasins|boutique|boutiques|groupe|entreprise|societe|marque|assurance|assurances
assureur|mutuelle|mutuelles|adherent|adherents|energie|electricite|gaz|fournisseur
label|certification|certifie|certifiee|certifies|certifiees|labellise|labellisee
siren|siret|tva|numero tva|kbis
customer service|customer services|customer care|customer support|support|help|helpline
contact us|contact number|phone|phone number|telephone number|number|address|complaint
complaints|review|reviews|login|log in|sign in|account|official website|website|store
stores|shop|shops|group|company|insurance|insurer|certified
"""

GENERIC_PHRASES = frozenset(
    phrase.strip()
    for phrase in " ".join(_ARTICLES_AND_LINKS.split()).split(" ")
    + _CUSTOMER_SERVICE.replace("\n", "|").split("|")
    if phrase.strip()
)
LONGEST_GENERIC = max(len(phrase.split()) for phrase in GENERIC_PHRASES)
