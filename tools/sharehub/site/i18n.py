"""The hub's own interface strings in English, French, German and Spanish.

Templates write English and wrap it: ``{{ _("Share") }}``; the browser gets the
strings of the page's language as data (``sharehub-strings``). A page speaks
the site's language (``theme.language``), an item page its item's ``lang``.
A missing translation falls back to English.
"""

from __future__ import annotations

LANGUAGES = ("en", "fr", "de", "es")

# English text -> translation. Placeholders ({n}, {network}) stay as they are.
TRANSLATIONS: dict[str, dict[str, str]] = {
    "fr": {
        "Share": "Partager", "Featured": "À la une", "For everyone": "Pour tout le monde",
        "For {who}": "Pour {who}", "Topics": "Thèmes", "Texts and talking points": "Textes et arguments",
        "Read more": "Lire la suite", "Filter items": "Filtrer les contenus", "For me": "Pour moi",
        "Filter": "Filtrer", "Topic": "Thème", "Department": "Service", "Campaign": "Campagne",
        "Kind": "Type", "Language": "Langue", "All": "Tous", "Any": "Tous",
        "Clear filters": "Effacer les filtres",
        "Set once: “For me” then shows your department’s items first and items in your language. Kept in this browser only.":
            "À régler une fois : « Pour moi » montre d’abord les contenus de votre service, dans votre langue. Gardé dans ce navigateur uniquement.",
        "My department": "Mon service", "My language": "Ma langue", "Networks I use": "Mes réseaux",
        "Nothing to share yet.": "Rien à partager pour l’instant.", "Before you share:": "Avant de partager :",
        "read the policy": "lisez la charte", "Suggest content": "Proposer un contenu",
        "Seen something worth sharing? Propose it: a reviewer will turn it into a post.":
            "Vu quelque chose à partager ? Proposez-le : une personne de l’équipe en fera une publication.",
        "Follow new items:": "Suivre les nouveautés :", "Atom feed": "Flux Atom", "JSON Feed": "Flux JSON",
        "Archive of expired items": "Archives des contenus expirés", "Pages": "Pages", "Newer": "Plus récents",
        "Older": "Plus anciens", "Page {n}": "Page {n}", "Close": "Fermer", "Where": "Où",
        "More networks": "Autres réseaux", "Suggested texts": "Textes proposés",
        "What will be posted": "Ce qui sera publié", "Link preview": "Aperçu du lien", "Copy text": "Copier le texte",
        "Share with an app…": "Partager avec une application…", "Reset text": "Rétablir le texte",
        "Your settings": "Vos réglages", "Your tracking tag": "Votre étiquette de suivi",
        "Added to the link as utm_content so that the communications team can count visits from your posts. It stays in this browser; leave it empty to share without it.":
            "Ajoutée au lien (utm_content) pour que l’équipe communication compte les visites venues de vos publications. Elle reste dans ce navigateur ; laissez vide pour partager sans.",
        "Your Mastodon instance": "Votre instance Mastodon", "All texts and links": "Tous les textes et liens",
        "Shares:": "Partage :", "Talking points": "Arguments", "Copy link": "Copier le lien", "Link:": "Lien :",
        "Length:": "Longueur :", "Text for {network}": "Texte pour {network}",
        "Text {n} for {network}": "Texte {n} pour {network}", "Title for {network}": "Titre pour {network}",
        "Title {n} for {network}": "Titre {n} pour {network}", "Share on {network}": "Partager sur {network}",
        "Copy text for {network}": "Copier le texte pour {network}", "characters": "caractères",
        "Quiz": "Quiz", "Check answers": "Vérifier", "Training progress": "Progression de la formation",
        "{n} lessons": "{n} leçons", "Mark this lesson as done": "Marquer la leçon comme terminée",
        "Last changed:": "Dernière modification :",
        "The quiz is checked in your browser and needs JavaScript.": "Le quiz est corrigé dans votre navigateur et nécessite JavaScript.",
        "Nothing has expired yet.": "Rien n’a encore expiré.",
        "This item has expired: it is kept for reference and is no longer shared.":
            "Ce contenu a expiré : il est conservé pour mémoire et n’est plus partagé.",
        # sharehub.js
        "Copied.": "Copié.", "Could not copy: select the text and copy it yourself.": "Copie impossible : sélectionnez le texte et copiez-le vous-même.",
        "Copying is not available in this browser.": "La copie n’est pas disponible dans ce navigateur.",
        "{n} item matches": "{n} contenu correspond", "{n} items match": "{n} contenus correspondent",
        "Filters are unavailable offline.": "Les filtres ne sont pas disponibles hors ligne.",
        "Too long for {network}: remove {n} characters to share.": "Trop long pour {network} : retirez {n} caractères pour partager.",
        "Too long for {network}.": "Trop long pour {network}.", "Remove a character {network} refuses.": "Retirez un caractère refusé par {network}.",
        "{network} cannot take a text from here: sharing copies it first, then paste it in {network}.":
            "{network} ne reçoit pas de texte d’ici : le partage le copie d’abord, collez-le ensuite dans {network}.",
        "Posted as:": "Publié ainsi :", "Text copied — paste it in {network}.": "Texte copié — collez-le dans {network}.",
        "Pick an answer.": "Choisissez une réponse.", "Correct.": "Exact.", "Not quite.": "Pas tout à fait.",
        "{right} of {total} correct": "{right} sur {total} justes", ": well done!": " : bravo !",
        "{done} of {total} lessons done": "{done} leçons terminées sur {total}", "Lesson done": "Leçon terminée",
    },
    "de": {
        "Share": "Teilen", "Featured": "Empfohlen", "For everyone": "Für alle", "For {who}": "Für {who}",
        "Topics": "Themen", "Texts and talking points": "Texte und Argumente", "Read more": "Weiterlesen",
        "Filter items": "Inhalte filtern", "For me": "Für mich", "Filter": "Filter", "Topic": "Thema",
        "Department": "Abteilung", "Campaign": "Kampagne", "Kind": "Art", "Language": "Sprache", "All": "Alle",
        "Any": "Alle", "Clear filters": "Filter zurücksetzen",
        "Set once: “For me” then shows your department’s items first and items in your language. Kept in this browser only.":
            "Einmal einstellen: „Für mich“ zeigt zuerst Inhalte Ihrer Abteilung in Ihrer Sprache. Nur in diesem Browser gespeichert.",
        "My department": "Meine Abteilung", "My language": "Meine Sprache", "Networks I use": "Meine Netzwerke",
        "Nothing to share yet.": "Noch nichts zu teilen.", "Before you share:": "Vor dem Teilen:",
        "read the policy": "die Richtlinie lesen", "Suggest content": "Inhalt vorschlagen",
        "Seen something worth sharing? Propose it: a reviewer will turn it into a post.":
            "Etwas Teilenswertes gesehen? Schlagen Sie es vor: das Team macht einen Beitrag daraus.",
        "Follow new items:": "Neue Inhalte abonnieren:", "Atom feed": "Atom-Feed", "JSON Feed": "JSON-Feed",
        "Archive of expired items": "Archiv abgelaufener Inhalte", "Pages": "Seiten", "Newer": "Neuer",
        "Older": "Älter", "Page {n}": "Seite {n}", "Close": "Schließen", "Where": "Wo",
        "More networks": "Weitere Netzwerke", "Suggested texts": "Vorgeschlagene Texte",
        "What will be posted": "Was gepostet wird", "Link preview": "Linkvorschau", "Copy text": "Text kopieren",
        "Share with an app…": "Mit einer App teilen…", "Reset text": "Text zurücksetzen",
        "Your settings": "Ihre Einstellungen", "Your tracking tag": "Ihr Tracking-Kürzel",
        "Added to the link as utm_content so that the communications team can count visits from your posts. It stays in this browser; leave it empty to share without it.":
            "Wird dem Link als utm_content angehängt, damit die Kommunikation Besuche über Ihre Beiträge zählen kann. Bleibt in diesem Browser; leer lassen, um ohne zu teilen.",
        "Your Mastodon instance": "Ihre Mastodon-Instanz", "All texts and links": "Alle Texte und Links",
        "Shares:": "Teilt:", "Talking points": "Argumente", "Copy link": "Link kopieren", "Link:": "Link:",
        "Length:": "Länge:", "Text for {network}": "Text für {network}", "Text {n} for {network}": "Text {n} für {network}",
        "Title for {network}": "Titel für {network}", "Title {n} for {network}": "Titel {n} für {network}",
        "Share on {network}": "Auf {network} teilen", "Copy text for {network}": "Text für {network} kopieren",
        "characters": "Zeichen", "Quiz": "Quiz", "Check answers": "Antworten prüfen",
        "Training progress": "Schulungsfortschritt", "{n} lessons": "{n} Lektionen",
        "Mark this lesson as done": "Lektion als erledigt markieren", "Last changed:": "Zuletzt geändert:",
        "The quiz is checked in your browser and needs JavaScript.": "Das Quiz wird in Ihrem Browser ausgewertet und braucht JavaScript.",
        "Nothing has expired yet.": "Noch nichts ist abgelaufen.",
        "This item has expired: it is kept for reference and is no longer shared.":
            "Dieser Inhalt ist abgelaufen: er bleibt zum Nachlesen und wird nicht mehr geteilt.",
        "Copied.": "Kopiert.", "Could not copy: select the text and copy it yourself.": "Kopieren nicht möglich: markieren und selbst kopieren.",
        "Copying is not available in this browser.": "Kopieren ist in diesem Browser nicht verfügbar.",
        "{n} item matches": "{n} Inhalt passt", "{n} items match": "{n} Inhalte passen",
        "Filters are unavailable offline.": "Filter sind offline nicht verfügbar.",
        "Too long for {network}: remove {n} characters to share.": "Zu lang für {network}: {n} Zeichen entfernen, um zu teilen.",
        "Too long for {network}.": "Zu lang für {network}.", "Remove a character {network} refuses.": "Entfernen Sie ein Zeichen, das {network} ablehnt.",
        "{network} cannot take a text from here: sharing copies it first, then paste it in {network}.":
            "{network} übernimmt von hier keinen Text: Teilen kopiert ihn zuerst, dann in {network} einfügen.",
        "Posted as:": "Gepostet als:", "Text copied — paste it in {network}.": "Text kopiert — in {network} einfügen.",
        "Pick an answer.": "Wählen Sie eine Antwort.", "Correct.": "Richtig.", "Not quite.": "Nicht ganz.",
        "{right} of {total} correct": "{right} von {total} richtig", ": well done!": ": gut gemacht!",
        "{done} of {total} lessons done": "{done} von {total} Lektionen erledigt", "Lesson done": "Lektion erledigt",
    },
    "es": {
        "Share": "Compartir", "Featured": "Destacado", "For everyone": "Para todos", "For {who}": "Para {who}",
        "Topics": "Temas", "Texts and talking points": "Textos y argumentos", "Read more": "Leer más",
        "Filter items": "Filtrar contenidos", "For me": "Para mí", "Filter": "Filtrar", "Topic": "Tema",
        "Department": "Departamento", "Campaign": "Campaña", "Kind": "Tipo", "Language": "Idioma", "All": "Todos",
        "Any": "Todos", "Clear filters": "Borrar filtros",
        "Set once: “For me” then shows your department’s items first and items in your language. Kept in this browser only.":
            "Se configura una vez: «Para mí» muestra primero los contenidos de su departamento y en su idioma. Solo se guarda en este navegador.",
        "My department": "Mi departamento", "My language": "Mi idioma", "Networks I use": "Mis redes",
        "Nothing to share yet.": "Aún no hay nada que compartir.", "Before you share:": "Antes de compartir:",
        "read the policy": "lea la política", "Suggest content": "Proponer contenido",
        "Seen something worth sharing? Propose it: a reviewer will turn it into a post.":
            "¿Ha visto algo que merece la pena? Propóngalo: el equipo lo convertirá en una publicación.",
        "Follow new items:": "Seguir las novedades:", "Atom feed": "Feed Atom", "JSON Feed": "Feed JSON",
        "Archive of expired items": "Archivo de contenidos caducados", "Pages": "Páginas", "Newer": "Más recientes",
        "Older": "Más antiguos", "Page {n}": "Página {n}", "Close": "Cerrar", "Where": "Dónde",
        "More networks": "Más redes", "Suggested texts": "Textos sugeridos",
        "What will be posted": "Lo que se publicará", "Link preview": "Vista previa del enlace", "Copy text": "Copiar texto",
        "Share with an app…": "Compartir con una app…", "Reset text": "Restablecer texto",
        "Your settings": "Sus ajustes", "Your tracking tag": "Su etiqueta de seguimiento",
        "Added to the link as utm_content so that the communications team can count visits from your posts. It stays in this browser; leave it empty to share without it.":
            "Se añade al enlace como utm_content para que el equipo de comunicación cuente las visitas de sus publicaciones. Se queda en este navegador; déjela vacía para compartir sin ella.",
        "Your Mastodon instance": "Su instancia de Mastodon", "All texts and links": "Todos los textos y enlaces",
        "Shares:": "Comparte:", "Talking points": "Argumentos", "Copy link": "Copiar enlace", "Link:": "Enlace:",
        "Length:": "Longitud:", "Text for {network}": "Texto para {network}", "Text {n} for {network}": "Texto {n} para {network}",
        "Title for {network}": "Título para {network}", "Title {n} for {network}": "Título {n} para {network}",
        "Share on {network}": "Compartir en {network}", "Copy text for {network}": "Copiar texto para {network}",
        "characters": "caracteres", "Quiz": "Cuestionario", "Check answers": "Comprobar respuestas",
        "Training progress": "Progreso de la formación", "{n} lessons": "{n} lecciones",
        "Mark this lesson as done": "Marcar la lección como hecha", "Last changed:": "Última modificación:",
        "The quiz is checked in your browser and needs JavaScript.": "El cuestionario se corrige en su navegador y necesita JavaScript.",
        "Nothing has expired yet.": "Aún no ha caducado nada.",
        "This item has expired: it is kept for reference and is no longer shared.":
            "Este contenido ha caducado: se conserva como referencia y ya no se comparte.",
        "Copied.": "Copiado.", "Could not copy: select the text and copy it yourself.": "No se pudo copiar: seleccione el texto y cópielo usted.",
        "Copying is not available in this browser.": "Copiar no está disponible en este navegador.",
        "{n} item matches": "{n} contenido coincide", "{n} items match": "{n} contenidos coinciden",
        "Filters are unavailable offline.": "Los filtros no están disponibles sin conexión.",
        "Too long for {network}: remove {n} characters to share.": "Demasiado largo para {network}: quite {n} caracteres para compartir.",
        "Too long for {network}.": "Demasiado largo para {network}.", "Remove a character {network} refuses.": "Quite un carácter que {network} rechaza.",
        "{network} cannot take a text from here: sharing copies it first, then paste it in {network}.":
            "{network} no recibe texto desde aquí: al compartir se copia primero; péguelo luego en {network}.",
        "Posted as:": "Se publicará así:", "Text copied — paste it in {network}.": "Texto copiado — péguelo en {network}.",
        "Pick an answer.": "Elija una respuesta.", "Correct.": "Correcto.", "Not quite.": "No exactamente.",
        "{right} of {total} correct": "{right} de {total} correctas", ": well done!": ": ¡bien hecho!",
        "{done} of {total} lessons done": "{done} de {total} lecciones hechas", "Lesson done": "Lección hecha",
    },
}

#: The strings sharehub.js shows (handed to the page in its language).
SCRIPT_STRINGS = (
    "Copied.", "Could not copy: select the text and copy it yourself.",
    "Copying is not available in this browser.", "{n} item matches", "{n} items match",
    "Filters are unavailable offline.", "Too long for {network}: remove {n} characters to share.",
    "Too long for {network}.", "Remove a character {network} refuses.",
    "{network} cannot take a text from here: sharing copies it first, then paste it in {network}.",
    "Posted as:", "Text copied — paste it in {network}.", "Share on {network}", "characters",
    "For everyone", "For {who}", "Pick an answer.", "Correct.", "Not quite.",
    "{right} of {total} correct", ": well done!", "{done} of {total} lessons done", "Lesson done",
    "Mark this lesson as done",
)


def language_of(lang: str) -> str:
    """The interface language for a BCP 47 tag (``fr-CA`` -> ``fr``; unknown -> ``en``)."""
    base = (lang or "en").split("-")[0].lower()
    return base if base in LANGUAGES else "en"


def translator(lang: str):
    """``_(text, **values)`` for one language: the translation, placeholders filled."""
    table = TRANSLATIONS.get(language_of(lang), {})

    def _(text: str, **values) -> str:
        out = table.get(text, text)
        return out.format(**values) if values else out
    return _


def script_strings(lang: str) -> dict[str, str]:
    """The strings sharehub.js needs, in ``lang`` (English text -> shown text)."""
    table = TRANSLATIONS.get(language_of(lang), {})
    return {text: table.get(text, text) for text in SCRIPT_STRINGS}
