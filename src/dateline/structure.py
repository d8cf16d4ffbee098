"""The structure stage: paragraphs, photo captions and credits, wire datelines,
claims credited to other outlets, and contact lines.

It runs first, on the raw text (no spaCy ``Doc``), with precompiled regular
expressions and line logic only, so it costs a fraction of a millisecond per article.
Later stages use it to tell article furniture (captions, credits, datelines, feedback
lines) from the story itself.

Conventions and decisions:

* **Paragraphs** are the spans between blank lines; a text without blank lines is cut
  at single newlines; a text without newlines is one paragraph. Each is trimmed of
  surrounding whitespace; empty ones are not output.
* **Captions** start with a marker at the start of a line (``IN PHOTO:``, ``PHOTO:``,
  ``Caption:``, ``FILE PHOTO:``, ``Pictured:`` ...) or are a parenthesised
  ``(Photo: ...)``. The caption's span is its body: the marker is in ``label`` and is
  not part of ``text``; the body ends at the end of its line, before a credit in it
  (``... 2014. REUTERS/Alaa Al-Marjani``). ``Photo: Getty Images`` is a credit, not
  a caption: a labelled body that reads as a credit (a known agency, ``Name/Agency``,
  a bare name) is a credit. An *unmarked* caption (``label=None``) is a line whose
  text equals, or is a prefix of, a marked caption's body (sites often print the
  caption twice); it must be at least ``min_unmarked_caption_chars`` long.
* **Credits**: ``AGENCY/Name`` and ``AGENCY Photo/Name`` (agency first),
  ``Name/AGENCY`` (agency last), ``(Xinhua/Li Ming)``, labelled credits
  (``Photo: Getty Images``, ``Photograph: Name/Agency``, ``Photo by Name``,
  ``Credit: Courtesy of ...``) and ``(Staff photo)``-style notes. ``agency`` is the
  canonical name from :data:`AGENCIES` (``"REUTERS"`` -> ``"Reuters"``), joined with
  "/" when two agencies are credited (``AFP/Getty Images``); otherwise the name as
  written. To keep ordinary prose with a slash out (``and/or``, ``a Reuters/Ipsos
  poll``), an unlabelled, unbracketed slash credit needs a known agency, and is
  rejected when an article precedes it or a lowercase word or digit follows it.
* **Datelines** open a paragraph: ``NAJAF, Iraq, Jan 10 (Reuters) -``,
  ``WASHINGTON (AP) —``, ``BEIRUT —``, ``NEW DELHI:``, ``Kabul, Afghanistan (CNN)``,
  ``(CNN) —``. Without a bracketed agency the place must be in capitals and a dash or
  colon must follow. In text flattened into one line (headline. DATELINE (AP) — ...)
  a dateline may also start a sentence, but then needs capitals, the bracketed agency
  and the dash. ``place`` and ``date`` are as written; ``agency`` is canonical when
  known.
* **Attributions** (claims credited to another outlet). Cues: ``according to X``,
  ``X reported/reports/revealed/quoted/cited/wrote``, ``..., reports X.``,
  ``reported by X``, ``said in a report by X``, ``in an interview with X``,
  ``quoted by X``, ``cited by X``, ``(via X)``, ``writing in X`` and ``told X``. The
  outlet is the capitalised name next to the cue, accepted when it is a known outlet
  (:data:`OUTLETS`, plus the agencies) or is shaped like one (its last word is a media
  word such as *Times*, *News*, *Herald*, or it is a web domain). "X reported" by a
  person or an agency ("police", "the UN") is thus not taken. One strong cue accepts
  any capitalised name: the inverted, sentence-final ``..., reports Stuff.``.
  ``told X`` (``Carter told CNN that ...``) is taken: speech given in an interview
  with an outlet is sourced from that outlet (``include_told=False`` turns it off).
  ``outlet`` is the name as written, without a lowercase "the"; the item's span covers
  cue and outlet (and that "the").
* **Contacts**: e-mail addresses, URLs (``http(s)://``, ``www.``, bare domains) and
  phone numbers. The item's span is the contact unit: the bracketed block holding the
  value, else its sentence within its line. E-mail addresses are taken anywhere
  (an address in a news text is a contact address; set ``emails_anywhere=False`` to
  gate them too); URLs only in a unit with contact wording (contact, e-mail, feedback,
  call, phone, tips, visit, ...) or a unit that is the bare address; phone numbers
  only in a unit with contact wording (a bare number is too often something else).
  Bare domains count only in lower case ("JD.com" in prose is a company).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .models import Article, Attribution, Caption, Contact, Credit, Dateline, Paragraph, Structure
from .pipeline import Stage, register_stage

# --------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------

#: News and photo agencies: canonical name -> the forms credits and datelines write.
#: An upper-case form of each is added automatically ("Xinhua" -> "XINHUA").
AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "EPA": ("EPA", "EPA-EFE"),
    "EFE": ("EFE",),
    "Getty Images": ("Getty Images", "Getty"),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "Bloomberg": ("Bloomberg",),
    "ANSA": ("ANSA",),
    "dpa": ("dpa", "DPA"),
    "Anadolu Agency": ("Anadolu Agency", "Anadolu"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Jiji Press": ("Jiji Press", "Jiji"),
    "Yonhap": ("Yonhap",),
    "TASS": ("TASS", "ITAR-TASS"),
    "RIA Novosti": ("RIA Novosti",),
    "Sputnik": ("Sputnik",),
    "Interfax": ("Interfax",),
    "PA": ("PA", "PA Images", "PA Wire", "PA Media", "Press Association"),
    "AAP": ("AAP", "Australian Associated Press"),
    "UPI": ("UPI", "United Press International"),
    "The Canadian Press": ("The Canadian Press", "Canadian Press", "CP"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS",),
    "ANI": ("ANI",),
    "Bernama": ("Bernama",),
    "Antara": ("Antara",),
    "Lusa": ("Lusa",),
    "Belga": ("Belga",),
    "ANP": ("ANP",),
    "NTB": ("NTB", "NTB Scanpix"),
    "Scanpix": ("Scanpix",),
    "Ritzau": ("Ritzau", "Ritzau Scanpix"),
    "Keystone": ("Keystone",),
    "APA": ("APA",),
    "PAP": ("PAP",),
    "MTI": ("MTI",),
    "CTK": ("CTK",),
    "IRNA": ("IRNA",),
    "Fars": ("Fars", "Fars News Agency"),
    "Tasnim": ("Tasnim", "Tasnim News Agency"),
    "WAFA": ("WAFA",),
    "SANA": ("SANA",),
    "KCNA": ("KCNA",),
    "MENA": ("MENA",),
    "Notimex": ("Notimex",),
    "Prensa Latina": ("Prensa Latina",),
    "NurPhoto": ("NurPhoto",),
    "SOPA Images": ("SOPA Images",),
    "Sipa": ("Sipa", "Sipa USA"),
    "ZUMA Press": ("ZUMA Press", "ZUMA Wire", "ZUMA", "Zuma Press"),
    "Shutterstock": ("Shutterstock", "REX/Shutterstock", "Rex Features", "REX"),
    "Alamy": ("Alamy",),
    "iStock": ("iStock", "iStockphoto"),
    "Corbis": ("Corbis",),
    "Polaris": ("Polaris",),
    "Redux": ("Redux",),
    "Dow Jones": ("Dow Jones",),
}

#: Outlets that claims are credited to (besides the agencies), as commonly written.
#: Matched without a leading "The" and case-insensitively.
OUTLETS: tuple[str, ...] = tuple(
    """CNN|BBC|BBC News|BBC World Service|NBC|NBC News|CBS|CBS News|ABC|ABC News|Fox News|Fox|MSNBC|CNBC|NPR|PBS|
    Sky News|Sky|ITV|ITV News|Channel 4|Channel 4 News|Al Jazeera|Al-Jazeera|Al Arabiya|RT|France 24|Deutsche Welle|DW|
    Euronews|CBC|CBC News|CTV|CTV News|Global News|TVNZ|RNZ|Radio New Zealand|Newshub|TV3|3 News|1 News|One News|
    Stuff|Stuff.co.nz|NZ Herald|New Zealand Herald|Newstalk ZB|Otago Daily Times|Dominion Post|Fairfax|Fairfax Media|
    SBS|Nine News|Seven News|Sky News Australia|News.com.au|The Age|The Australian|Sydney Morning Herald|Herald Sun|
    Courier-Mail|VOA|Voice of America|Radio Free Europe|RFE/RL|Radio Liberty|NHK|CCTV|CGTN|Press TV|Al Mayadeen|
    Rudaw|Kurdistan 24|Ynet|Haaretz|Times of Israel|Jerusalem Post|Dawn|Geo News|Geo TV|NDTV|Times of India|
    Hindustan Times|The Hindu|Indian Express|South China Morning Post|SCMP|Straits Times|Global Times|People's Daily|
    China Daily|Japan Times|Asahi|Asahi Shimbun|Mainichi|Yomiuri|Yomiuri Shimbun|Nikkei|Korea Herald|Korea Times|
    Chosun Ilbo|JoongAng Ilbo|Guardian|Observer|Times|Sunday Times|Telegraph|Daily Telegraph|Sunday Telegraph|
    Independent|Financial Times|FT|Economist|Daily Mail|Mail on Sunday|Mail Online|MailOnline|Mirror|Daily Mirror|
    Sun|Express|Daily Express|Evening Standard|New York Times|NYT|Washington Post|Wall Street Journal|WSJ|
    USA Today|Los Angeles Times|LA Times|Chicago Tribune|Boston Globe|Miami Herald|Politico|Axios|The Hill|
    Huffington Post|HuffPost|BuzzFeed|BuzzFeed News|Vice|Vice News|Vox|Slate|Salon|Atlantic|New Yorker|Newsweek|
    Time|Time magazine|Forbes|Fortune|Business Insider|Insider|Bloomberg News|Bloomberg Businessweek|Intercept|
    ProPublica|Daily Beast|Breitbart|Breitbart News|Yahoo News|Yahoo|TechCrunch|Verge|Wired|Ars Technica|MarketWatch|
    Le Monde|Le Figaro|Liberation|Der Spiegel|Spiegel|Bild|Die Welt|Die Zeit|FAZ|Frankfurter Allgemeine|
    Sueddeutsche Zeitung|Süddeutsche Zeitung|El País|El Pais|El Mundo|La Repubblica|Corriere della Sera|Kommersant|
    Izvestia|Asharq Al-Awsat|Al-Ahram|Hurriyet|Daily Sabah|Kathimerini|IBTimes|International Business Times|Mashable|
    Globe and Mail|Toronto Star|National Post|Irish Times|Irish Independent|RTE|Scotsman|Channel NewsAsia|CNA|
    Xinhua News|TMZ|Page Six|Variety|Hollywood Reporter|Deadline|Rolling Stone|Billboard|Daily Caller|Newsmax|
    One America News|OAN|C-SPAN|Telemundo|Univision|Rappler|Inquirer|Jakarta Post|Bangkok Post|Arab News|Gulf News|
    Khaleej Times|Daily Star|Al-Monitor|Middle East Eye|Tehran Times|Kyiv Independent|Kyiv Post|
    Moscow Times|Meduza|Novaya Gazeta|Mother Jones|Daily Kos|Drudge Report|Associated Press|Reuters""".split("|")
)

# Last words that make an unknown capitalised name an outlet ("the Lansing State
# Journal reported"). Words that also end names of agencies or armed groups
# ("Network", "Agency", "Leader") or are surnames ("Daily") are left out on purpose. A
# one-word name is never taken on this evidence alone ("Media reports say ...").
_MEDIA_WORDS = frozenset(
    """News Times Post Herald Journal Tribune Gazette Telegraph Guardian Radio TV Television Broadcasting
    Press Channel Magazine Observer Chronicle Courier Examiner Inquirer Dispatch Bulletin Monitor Standard Star
    Sun Mirror Express Independent Review Register Sentinel Mail Globe Today Weekly Wire Online Media Newspaper
    Newswire Reporter Shimbun Ilbo Zeitung Gazeta Pravda Journal-Constitution Post-Gazette Times-Picayune
    Free-Press Tribune-Review Star-Tribune Herald-Leader""".split()
)

# Capitalised function words that begin a new sentence rather than continue a name.
_STOP_WORDS = frozenset(
    """THE A AN IN ON AT HE SHE IT THEY WE I YOU THIS THAT THESE THOSE HIS HER THEIR ITS OUR BUT AND OR AS FOR
    FROM WITH BY AFTER BEFORE WHEN WHILE MEANWHILE ALSO HOWEVER TO OF IS WAS ARE WERE HAS HAVE HAD WHO WHAT
    WHERE WHY HOW THERE HERE SO IF THEN LAST NEXT EARLIER LATER YESTERDAY TODAY MR MRS MS DR PHOTO PHOTOS FILE
    LEFT RIGHT ABOVE BELOW ACCORDING""".split()
)

# Words a labelled credit may consist of alone ("Photo: Supplied"): a credit with no
# agency or photographer named.
_GENERIC_CREDITS = frozenset(
    "supplied handout file pool stringer staff screenshot screengrab contributed submitted courtesy".split()
)

# Upper-case first words of a paragraph that are section labels, not dateline places.
_NOT_PLACES = frozenset(
    """BREAKING UPDATE UPDATED EXCLUSIVE ANALYSIS OPINION EDITORIAL COMMENT COMMENTARY WATCH VIDEO PHOTO PHOTOS
    CORRECTION CLARIFICATION NOTE FILE LIVE ALERT URGENT FLASH FACTBOX TIMELINE EXPLAINER REVIEW INTERVIEW POLL
    QUIZ LISTEN READ MORE RELATED ADVERTISEMENT SPONSORED FEATURE SPORT SPORTS NEWS WORLD BUSINESS POLITICS
    REFILE RPT CORRECTED WRAPUP INSIGHT DEVELOPING WARNING DISCLAIMER CAPTION PICTURED ABOVE TRANSCRIPT SUMMARY
    UPDATES NOTICE ANNOUNCEMENT REPORT Q A BY SOURCE SOURCES CREDIT SLUG TAGS TOPICS CONTACT EMAIL PHONE TEL
    WEB WEBSITE FAX ET PT GMT UTC AM PM""".split()
)

_NOT_PLACE_STARTS = _NOT_PLACES | _STOP_WORDS

# --------------------------------------------------------------------------------------
# Shared pattern pieces
# --------------------------------------------------------------------------------------

_UP = "A-ZÀ-ÖØ-Þ"  # upper-case letters (ASCII and Latin-1)
# A word of a person's name in a credit, with Arabic/Romance/Dutch particles ("al-Khatib").
_NAME_WORD = rf"(?:(?:al|el|de|da|di|du|van|von|der|den|la|le|bin|ibn|dos|das|del|ul)[- ])?[{_UP}][\w'’.-]*"
_NAME = rf"{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,4}}"
_DASHES = "-–—―\x97"  # \x97 is an em dash in text decoded as Latin-1 instead of cp1252
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DATE = (
    rf"(?:{_MONTH}[ ]\d{{1,2}}(?:,?[ ]\d{{4}})?|\d{{1,2}}[ ]{_MONTH}(?:,?[ ]\d{{4}})?"
    rf"|{_WEEKDAY}(?:,?[ ]{_MONTH}[ ]\d{{1,2}})?)"
)
_PLACE_WORD = rf"[{_UP}][\w.'’-]*"
_PLACE = rf"{_PLACE_WORD}(?:[ ](?:{_PLACE_WORD}|de|del|la|le|el|al|of|upon|am|sur|en)){{0,4}}"
# Outlet names: capitalised words, possibly joined by "of"/"and"/"&" ("Times of India").
_OUTLET_WORD = rf"[{_UP}0-9][\w&.'’/-]*"
_OUTLET = rf"(?:The[ ])?{_OUTLET_WORD}(?:[ ](?:of[ ]|de[ ]|and[ ]|&[ ]|della[ ])?{_OUTLET_WORD}){{0,5}}"

# Caption markers (case-insensitive), longest first.
_CAPTION_LABEL = (
    r"(?i:in[ ]photos?|in[ ]pictures?|file[ ](?:photo|picture|image)|(?:top|main)[ ](?:photo|picture|image)"
    r"|photograph|photos?|pictures?|images?|caption|pictured|above)"
)
_CAPTION_LINE = re.compile(rf"(?m)^[^\S\n]*(?P<label>{_CAPTION_LABEL})[^\S\n]*:[^\S\n]*(?P<body>[^\n]*)")
_CAPTION_PAREN = re.compile(rf"\((?P<label>{_CAPTION_LABEL})[ ]?:[ ]*(?P<body>[^()\n]+)\)")

_CAPS_RUN = re.compile(rf"(?:[{_UP}][{_UP}.'’-]+[ ])+$")  # "WASHINGTON " before "(AP) —"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*")
_NEWLINE = re.compile(r"\n")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+")
_SENTENCE_STOP = re.compile(r"[.!?](?=[\"”’)\]]*(?:\s|$))")
_WS = re.compile(r"\s+")

# Contacts.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?<![\w@/])(?:https?://|www\.)[^\s<>()\[\]{}\"'“”‘’]+", re.I)
_DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|info|io|news|tv|nz|au|uk|ca|ie|in|za)"
    r"(?:\.[a-z]{2})?(?:/[^\s<>()\"']*)?(?![\w@-])",
    # Lower case only: "JD.com" or "Amazon.com" in prose names a company, not a contact.
)
_PHONE = re.compile(  # no leading lookbehind, so that the scan skips to digits, "+" and "(" fast
    r"(?:\+[ ]?\(?\d{1,3}\)?[ .-]?)?(?:\(\d{2,5}\)[ .-]?)?\d{1,8}(?:[ .-]\d{2,6}){0,4}(?![\w/-])"
)
_YEAR_RANGE = re.compile(r"(?:1[89]|20)\d\d[ -](?:(?:1[89]|20)?\d\d)")
_CONTACT_WORDS = re.compile(
    r"(?i)\b(?:contact(?:ed|ing|s)?|e-?mail(?:ed|ing|s)?|feedback|call(?:ed|ing|s)?|phone|telephone|tel|fax|"
    r"tips?|tipline|hotline|helpline|reach(?:ed)?|write|sms|whatsapp|visit|website|web[ ]site|"
    r"information|info|inquiries|enquiries|register|tickets|reservations|rsvp|ring(?:ing)?)\b"
)
_TRAILING_URL_PUNCT = ".,;:!?"
_COURTESY = re.compile(r"(?i:courtesy)(?:[ ]of)?[ ]([\w'’.-]+(?:[ ][\w'’.-]+){0,4})")  # "Courtesy of the family"


def _bare_upper(s: str) -> str:
    return s.upper().strip(".,;:")


def _head_name(s: str) -> str:
    """The person-name prefix of ``s``: up to a stop word, a list comma or a sentence end."""
    kept: list[str] = []
    for w in s.split(" "):
        if not w or _bare_upper(w) in _STOP_WORDS:
            break
        if w[-1] in ",;:":
            kept.append(w[:-1])
            break
        if w.endswith(".") and len(w) > 2 and "." not in w[:-1]:
            kept.append(w[:-1])  # "Marjani." ends the sentence; "J." is an initial
            break
        kept.append(w)
    return " ".join(kept).rstrip(".") if kept and len(kept[-1]) > 2 else " ".join(kept)


def _tail_name(s: str) -> str:
    """The person-name suffix of ``s`` (at most four words), after a sentence end or stop word."""
    kept: list[str] = []
    for w in reversed(s.split(" ")):
        if not w or _bare_upper(w) in _STOP_WORDS or w[-1] in ".,;:" and (len(w) > 2 or w[-1] != "."):
            break
        kept.append(w)
        if len(kept) == 4:
            break
    return " ".join(reversed(kept))


def _is_media_name(name: str) -> bool:
    """Whether an unknown name looks like an outlet: "Lansing State Journal", "HelpingAnimals.com"."""
    if " " not in name:
        return bool(re.fullmatch(r"[\w-]+(?:\.[a-z]{2,4})+", name))
    return name.rsplit(" ", 1)[-1] in _MEDIA_WORDS


@dataclass(frozen=True)
class _Lexicon:
    """The agency and outlet tables of one configuration, with their compiled patterns."""

    agency_canon: dict[str, str]  # form as written -> canonical name
    outlet_keys: frozenset[str]  # lower-case outlet names without a leading "the"
    credit_ag_first: re.Pattern[str]
    credit_ag_last: re.Pattern[str]
    credit_labelled: re.Pattern[str]
    credit_note: re.Pattern[str]
    credit_name_ag_photo: re.Pattern[str]
    ag_prefix: re.Pattern[str]
    datelines_mid: re.Pattern[str]

    def canon(self, name: str) -> str | None:
        """The canonical agency name for a form of it, or None."""
        return self.agency_canon.get(name) or self.agency_canon.get(name.upper())

    def is_outlet(self, name: str) -> bool:
        key = name.lower()
        if key.startswith("the "):
            key = key[4:]
        return key in self.outlet_keys


@functools.lru_cache(maxsize=8)
def _lexicon(extra_agencies: tuple[tuple[str, tuple[str, ...]], ...], extra_outlets: tuple[str, ...]) -> _Lexicon:
    """Build (once per configuration) the lookup tables and the patterns that embed them."""
    canon: dict[str, str] = {}
    for name, forms in list(AGENCIES.items()) + list(extra_agencies):
        for form in (name, *forms):
            canon.setdefault(form, name)
            canon.setdefault(form.upper(), name)
    keys = {o.lower().removeprefix("the ") for o in (*OUTLETS, *extra_outlets)}
    keys |= {f.lower().removeprefix("the ") for f in canon}
    ag_alt = "|".join(re.escape(f) for f in sorted(canon, key=len, reverse=True))
    ag_core = rf"(?:{ag_alt})(?![\w-])"  # after a slash
    ag = rf"(?<![\w/-]){ag_core}"
    kind = r"[ ](?:Photos?|PHOTOS?|Images|IMAGES|Pictures?|PICTURES?|Pix|PIX|Video|VIDEO|TV|Wire|WIRE)"
    org = rf"[{_UP}][\w.&'’-]*(?:[ ][{_UP}][\w.&'’-]*){{0,3}}"
    tail = (  # "/File Photo", "/AFP", ", File"
        rf"(?:[ ]?/[ ]?(?:File(?:[ ]Photo)?|FILE(?:[ ]PHOTO)?|Pool|POOL|Handout|HANDOUT|{ag_core}))*"
        r"(?:,[ ]?(?:File|FILE|Pool|POOL|Handout|HANDOUT))?"
    )
    return _Lexicon(
        agency_canon=canon,
        outlet_keys=frozenset(keys),
        # REUTERS/Alaa Al-Marjani, (AP Photo/Jane Doe, File), AFP PHOTO / JOHN SMITH,
        # (Beacon-News Photo/Denise Cravens): an unknown organisation needs "Photo".
        credit_ag_first=re.compile(
            rf"(?P<open>\([ ]?)?(?:(?P<ag>{ag})(?P<kind>{kind})?|(?P<org>{org})(?P<okind>[ ](?:Photo|PHOTO)))"
            rf"[ ]?/[ ]?(?P<name>{_NAME})(?P<tail>{tail})(?P<close>[ ]?\))?"
        ),
        # Jane Doe/Getty Images, John Smith/AFP/Getty Images, (MORRIS LAMONT/Sun Media)
        credit_ag_last=re.compile(
            rf"(?P<open>\([ ]?)?(?<![\w/])(?P<name>{_NAME})[ ]?/[ ]?(?P<ag>{ag_core}|(?P<org>{org}))"
            rf"(?P<tail>(?:[ ]?/[ ]?{ag_core}|[ ]via[ ]{ag})*)(?P<close>[ ]?\))?"
        ),
        # Photo: Getty Images, Photograph: Name/Agency, Photo by Name, Credit: Courtesy of X
        credit_labelled=re.compile(
            r"(?P<open>[(\[][ ]?)?(?<![\w])(?P<label>(?i:(?:photo(?:graph)?s?|images?|pictures?|pics?|foto)"
            r"(?:[ ](?:credits?|courtesy))?|credits?|courtesy)[ ]?:|(?i:photo(?:graph)?|image|picture)[ ]by)"
            r"[ ]*(?P<body>[^\n()\[\]|]{1,120})(?P<close>[)\]])?"
        ),
        # (Staff photo), (Associated Press file photo), Courtesy photo, Telegram photo by Jane Doe
        credit_note=re.compile(
            rf"(?P<open>\()?(?<![\w])(?P<org>(?:{org})[ ])?(?P<kind>(?i:(?:file|staff|supplied|courtesy|submitted|"
            rf"contributed|handout)[ ])?(?:photo|picture|image)(?!\w))(?:[ ]by[ ](?P<name>{_NAME}))?(?P<close>\))?"
        ),
        # Felix Marquez AP Photo
        credit_name_ag_photo=re.compile(rf"(?<![\w])(?P<name>{_NAME})[ ](?P<ag>{ag})[ ](?:Photo|PHOTO)(?![\w])"),
        ag_prefix=re.compile(rf"(?P<ag>{ag})(?P<kind>{kind})?"),
        # DATELINE (Agency) — starting a sentence inside a paragraph.
        datelines_mid=re.compile(rf"\([{_UP}][\w&.'’ -]{{0,40}}\)[ ]*(?:--|[{_DASHES}])(?=\s|$)"),
    )


_DATELINE = re.compile(
    rf"""(?P<place>(?!{_DATE}(?![\w])){_PLACE}(?:,[ ](?!{_DATE}(?![\w])){_PLACE}){{0,2}})?
    (?:,?[ ](?P<date>{_DATE}))?
    (?:[ ]*\((?P<agency>[{_UP}][\w&.'’ -]{{0,40}}?)\))?
    (?:[ ]*(?P<dash>--|[{_DASHES}:])(?=\s|$))?""",
    re.X,
)

# Forward cues, which the outlet follows.
_CUE_FORWARD = re.compile(
    r"""(?:(?<![\w])(?P<cue>
        [Aa]ccording[ ]to(?:[ ](?:a|an|the)(?:[ ][a-z]+)?[ ](?:report|article|story|interview|investigation
            |analysis|survey|poll|broadcast|documentary|tally|count)s?[ ](?:by|in|from|on|with|for))?
      | (?:(?:as|first|originally|previously|also|was|were|been)[ ])?(?:reported|revealed|broken)[ ]by
      | (?:said|says|told|wrote)[ ]in[ ](?:a|an)[ ](?:report|interview|statement|article|column)
            [ ](?:by|with|to|on|in|for)
      | (?:[Ii]n|during)[ ](?:a|an)[ ](?:[a-z]+[ ])?(?:interview|report|article)[ ](?:with|by|in|on|for)
      | (?P<told>told|telling)
      | speaking[ ]to | talking[ ]to | quoted[ ]by | cited[ ]by | via | writing[ ](?:in|for) | wrote[ ](?:in|for)
      | reports?[ ]in | published[ ](?:by|in)
    ) | ,[ ]*(?P<inv>reports|reported|reporting|writes|wrote))(?=[ ])""",
    re.X,
)
# What follows a forward cue: the outlet, maybe after a lowercase "the".
_CUE_OBJECT = re.compile(rf"[ ]+(?:(?P<the>the)[ ]+)?(?P<name>{_OUTLET})")
_CUE_BACKWARD = re.compile(
    rf"""(?:(?<![\w])(?P<the>the)[ ]+)?(?<![\w])(?P<name>{_OUTLET})(?:'s|’s)?
    [ ]+(?P<cue>(?:(?:has|had|have|first|also|earlier|previously|exclusively|originally|later|recently|separately
        |reportedly)[ ]+)?(?:reported|reports|revealed|quoted|cited|said[ ]in[ ]a[ ]report|wrote|writes))(?![\w])""",
    re.X,
)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _greedy(cands: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Non-overlapping candidates, preferring the earliest then the longest."""
    out: list[tuple[int, int, object]] = []
    last_end = -1
    for c in sorted(cands, key=lambda c: (c[0], -c[1])):
        if c[0] >= last_end and c[1] > c[0]:
            out.append(c)
            last_end = c[1]
    return out


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


# Speed: a regex that starts with a lookbehind, an alternation or a name pattern is tried
# at every position of the text (tens of nanoseconds per character each). So every
# detector first finds its anchors (a slash, a colon, an anchor word) with ``bytes.find``
# on an ASCII copy of the text, a C scan, and runs its full pattern only in small windows
# around them; a detector none of whose anchor words occurs in the text is skipped.
# Lookbehinds still see the text before a window, so a match found this way is the match
# a scan of the whole text would find, as long as it fits in the window.

# Punctuation (all but the hyphen of "e-mail") becomes a space before the word split.
_PUNCT_TO_SPACE = bytes.maketrans(
    bytes(c for c in range(33, 127) if not chr(c).isalnum() and chr(c) != "-"),
    b" " * sum(1 for c in range(33, 127) if not chr(c).isalnum() and chr(c) != "-"),
)


@functools.lru_cache(maxsize=4)
def _scan(text: str) -> tuple[bytes, frozenset[bytes]]:
    """``text`` lower-cased in ASCII with one byte per character (others become "?"), and its words.

    Offsets in the bytes are offsets in ``text``. Searching them is a C scan; the word set
    tells, for the price of one split, which anchor words occur at all, so a detector
    whose anchors are absent costs nothing more.
    """
    low = text.encode("ascii", "replace").lower()
    return low, _ANCHOR_WORDS.intersection(low.translate(_PUNCT_TO_SPACE).split())


def _positions(text: str, needles: Iterable[bytes]) -> list[int]:
    """Every position where one of the lower-case ASCII ``needles`` occurs, ignoring case."""
    low = _scan(text)[0]
    out: list[int] = []
    find = low.find
    for needle in needles:
        i = find(needle)
        while i >= 0:
            out.append(i)
            i = find(needle, i + 1)
    return out


def _word_positions(text: str, words: frozenset[bytes]) -> list[int]:
    """Every position of one of ``words`` (lower-case ASCII) that occurs as a word of ``text``."""
    present = words & _scan(text)[1]
    return _positions(text, present) if present else []


def _windowed(
    pattern: re.Pattern[str], text: str, anchors: list[int], before: int, after: int
) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` inside the merged windows [anchor - before, anchor + after)."""
    if not anchors:
        return
    n = len(text)
    anchors.sort()
    lo, hi = max(0, anchors[0] - before), min(n, anchors[0] + after)
    for a in anchors[1:]:
        if a - before <= hi:
            hi = min(n, max(hi, a + after))
            continue
        yield from pattern.finditer(text, lo, hi)
        lo, hi = max(0, a - before), min(n, a + after)
    yield from pattern.finditer(text, lo, hi)


# Anchor words (lower-case ASCII) of each detector.
_PHOTO_WORDS = frozenset(
    b"photo photos photograph photographs foto image images picture pictures pic pics credit credits courtesy".split()
)
_FORWARD_WORDS = frozenset(
    b"""according by told telling interview report reports reported reporting article statement column speaking
    talking via writing wrote writes published""".split()
)
_BACKWARD_WORDS = frozenset(b"reported reports revealed quoted cited wrote writes report".split())
_CONTACT_WORDS_ASCII = frozenset(
    b"""contact contacts contacted contacting email e-mail emailing e-mailing emailed mail feedback call calling
    called calls phone phones telephone tel fax tip tips tipline hotline helpline reach reached write sms whatsapp
    visit website web information info inquiries enquiries register tickets reservations rsvp ring ringing""".split()
)
_ANCHOR_WORDS = _PHOTO_WORDS | _FORWARD_WORDS | _BACKWARD_WORDS | _CONTACT_WORDS_ASCII
_DOMAIN_ANCHOR = re.compile(rb"\.(?:com|org|net|gov|edu|info|io|news|tv|nz|au|uk|ca|ie|in|za)(?![a-z0-9])")


# --------------------------------------------------------------------------------------
# The detectors
# --------------------------------------------------------------------------------------


def find_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs: spans between blank lines (or between newlines when there are no blank lines)."""
    sep = _BLANK_LINE if _BLANK_LINE.search(text) else _NEWLINE
    out: list[Paragraph] = []
    pos = 0
    for m in (*sep.finditer(text), None):
        stop = m.start() if m else len(text)
        s, e = _trim(text, pos, stop)
        if e > s:
            out.append(Paragraph(start=s, end=e))
        if m:
            pos = m.end()
    return out


class StructureAnalyzer:
    """The detectors of the structure stage, for one configuration (see the module docstring)."""

    def __init__(
        self,
        *,
        detect_unmarked_captions: bool = True,
        min_unmarked_caption_chars: int = 20,
        include_told: bool = True,
        emails_anywhere: bool = True,
        extra_agencies: Mapping[str, Iterable[str]] | Iterable[str] = (),
        extra_outlets: Iterable[str] = (),
    ) -> None:
        self.detect_unmarked_captions = detect_unmarked_captions
        self.min_unmarked_caption_chars = min_unmarked_caption_chars
        self.include_told = include_told
        self.emails_anywhere = emails_anywhere
        if isinstance(extra_agencies, Mapping):
            agencies = tuple((k, tuple(v)) for k, v in extra_agencies.items())
        else:
            agencies = tuple((k, ()) for k in extra_agencies)
        self.lex = _lexicon(agencies, tuple(extra_outlets))

    # ---- the whole analysis ---------------------------------------------------------

    def analyze(self, text: str) -> Structure:
        """Find every structural item in ``text``."""
        paragraphs = find_paragraphs(text)
        credits = self.credits(text)
        captions = self.captions(text, credits)
        datelines = self.datelines(text, paragraphs)
        blocked = [(c.start, c.end) for c in credits] + [(d.start, d.end) for d in datelines]
        attributions = [a for a in self.attributions(text) if not _overlaps(a.start, a.end, blocked)]
        return Structure(
            paragraphs=paragraphs,
            captions=captions,
            credits=credits,
            datelines=datelines,
            attributions=attributions,
            contacts=self.contacts(text),
        )

    # ---- credits --------------------------------------------------------------------

    def credits(self, text: str) -> list[Credit]:
        """Agency and photo credits."""
        lex = self.lex
        cands: list[tuple[int, int, object]] = []
        slashes = _positions(text, (b"/",))
        for m in _windowed(lex.credit_ag_first, text, slashes, 80, 100):
            c = self._ag_first(text, m)
            if c:
                cands.append(c)
        for m in _windowed(lex.credit_ag_last, text, slashes[:], 80, 100):
            c = self._ag_last(text, m)
            if c:
                cands.append(c)
        photo = _word_positions(text, _PHOTO_WORDS)
        for m in _windowed(lex.credit_labelled, text, photo[:], 6, 160):
            c = self._labelled(text, m)
            if c:
                cands.append(c)
        for m in _windowed(lex.credit_note, text, photo[:], 62, 100):
            c = self._note(text, m)
            if c:
                cands.append(c)
        for m in _windowed(lex.credit_name_ag_photo, text, photo, 100, 10):
            name = _tail_name(m["name"])
            if name:
                cands.append((m.end("name") - len(name), m.end(), (lex.canon(m["ag"]), name)))
        return [
            Credit(start=s, end=e, text=text[s:e], agency=info[0], photographer=info[1])  # type: ignore[index]
            for s, e, info in _greedy(cands)
        ]

    def _agencies(self, first: str, rest: str) -> str:
        """Canonical "A/B" agency string from a first agency and a "/B via C" tail."""
        names = [self.lex.canon(first) or first]
        for part in re.split(r"[ ]?/[ ]?|[ ]via[ ]", rest):
            c = self.lex.canon(part.strip()) if part.strip() else None
            if c and c not in names:
                names.append(c)
        return "/".join(names)

    def _plausible_slash(self, text: str, start: int, end: int, bracketed: bool, known_upper: bool) -> bool:
        """Reject slash credits that read as prose ("a Reuters/Ipsos poll", "AP/GfK survey")."""
        if bracketed:
            return True
        nxt = text[end : end + 2].lstrip(" ")
        if nxt and (nxt[0].islower() or nxt[0].isdigit()):
            return False
        before = text[max(0, start - 5) : start].lower()
        if re.search(r"(?:^|\s)(?:a|an|the)\s$", before):
            return False
        line_end = text.find("\n", end)
        at_line_end = not text[end : line_end if line_end >= 0 else len(text)].strip()
        return known_upper or at_line_end or nxt[:1] in (")", "")

    def _ag_first(self, text: str, m: re.Match[str]) -> tuple[int, int, object] | None:
        name = _head_name(m["name"])
        if not name:
            return None
        full = name == m["name"]
        start = m.start("ag") if m["ag"] else m.start("org")
        end = m.end("tail") if full else m.start("name") + len(name)
        bracketed = bool(m["open"] and m["close"] and full)
        if bracketed:
            start, end = m.start(), m.end()
        ag_text = m["ag"] or m["org"]
        if m["org"] and not (bracketed or full):
            return None
        if m["ag"] and not self._plausible_slash(text, start, end, bracketed, ag_text.isupper() or bool(m["kind"])):
            return None
        tail = m["tail"] if full else ""
        other = self.lex.canon(name)
        if other:  # "AFP/Getty Images": two agencies, no photographer
            return start, end, (self._agencies(ag_text, "/" + name + tail), None)
        return start, end, (self._agencies(ag_text, tail), name)

    def _ag_last(self, text: str, m: re.Match[str]) -> tuple[int, int, object] | None:
        name = _tail_name(m["name"])
        if not name or self.lex.canon(name):
            return None  # "AFP/Getty Images" is handled agency-first
        bracketed = bool(m["open"] and m["close"] and name == m["name"])
        if m["org"] and not (bracketed and _is_media_name(m["org"])):
            return None
        start = m.end("name") - len(name)
        end = m.end("tail")
        if bracketed:
            start, end = m.start(), m.end()
        elif not self._plausible_slash(text, start, end, False, False):
            return None
        if m["org"]:
            return start, end, (m["org"], name)
        return start, end, (self._agencies(m["ag"], m["tail"]), name)

    def _labelled(self, text: str, m: re.Match[str]) -> tuple[int, int, object] | None:
        """A labelled credit; None when the body reads as a caption or prose."""
        lex = self.lex
        body_start = m.start("body")
        body = m["body"]
        stripped = body.rstrip(" .")
        # Whole body: an agency, "Agency/Name", "Name/Agency", "Name for Outlet", a bare name, a domain.
        info: tuple[str | None, str | None] | None = None
        used = len(stripped)
        if not stripped:
            return None
        if lex.canon(stripped):
            info = (lex.canon(stripped), None)
        elif stripped.lower() in _GENERIC_CREDITS:
            info = (None, None)
        elif re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", stripped) and "." in stripped:
            info = (stripped, None)  # a web site credited: "[Photo: fmprc.gov.cn]"
        else:
            inner = lex.credit_ag_first.match(stripped) or None
            if inner and inner.end() == len(stripped) and _head_name(inner["name"]) == inner["name"]:
                info = (self._agencies(inner["ag"] or inner["org"], inner["tail"]), inner["name"])
            inner = None if info else lex.credit_ag_last.match(stripped)
            if inner and inner.end() == len(stripped) and _tail_name(inner["name"]) == inner["name"]:
                info = (inner["org"] or self._agencies(inner["ag"], inner["tail"]), inner["name"])
            court = None if info else _COURTESY.fullmatch(stripped)
            if court:
                info = (court[1], None)
            fm = None if info else re.fullmatch(rf"({_NAME})[ ]for[ ](?:the[ ])?({_OUTLET})", stripped)
            if fm and _head_name(fm[1]) == fm[1]:
                info = (lex.canon(fm[2]) or fm[2], fm[1])
            if info is None and re.fullmatch(_NAME, stripped) and _head_name(stripped) == stripped:
                if stripped.count(" ") <= 3:
                    info = (None, stripped)
        if info is None:
            # Only the start of the body is a credit: "Photo: AP The US military said ...",
            # "Photo credit: Bayo Omiboriowo. President Buhari visited ...".
            pm = lex.ag_prefix.match(body)
            nm = re.match(rf"({_NAME})\.[ ]", body)
            if pm and pm.end() < len(body) and body[pm.end()] in " .,;":
                info, used = (lex.canon(pm["ag"]), None), pm.end()
            elif nm and _head_name(nm[1]) == nm[1] and nm[1].count(" ") <= 3:
                info, used = (None, nm[1]), nm.end(1)
            else:
                return None
        start, end = m.start("label"), body_start + used
        if m["open"] and m["close"] and used == len(stripped) and not body[used:].strip(" ."):
            start, end = m.start(), m.end()
        return start, end, info

    def _note(self, text: str, m: re.Match[str]) -> tuple[int, int, object] | None:
        """"(Staff photo)", "(Associated Press file photo)", "Telegram photo by Jane Doe"."""
        org = (m["org"] or "").strip()
        if ". " in org:  # "... Seniors Center. Staff photo by ...": the credit starts after the sentence end
            org = org.rsplit(". ", 1)[1]
        qualified = m["kind"].lower() != m["kind"].lower().split(" ")[-1]  # "file photo", "staff photo"
        name = _head_name(m["name"]) if m["name"] else None
        bracketed = bool(m["open"] and m["close"] and (name is None or name == m["name"]))
        # Only bracketed notes or "... photo by Name" are credits; "the photo" in prose is not.
        if not (bracketed or name):
            return None
        if org and (_bare_upper(org.split(" ")[0]) in _STOP_WORDS or org.islower()):
            if not bracketed:
                return None
            org = ""
        if bracketed and not (org or qualified or name):
            return None
        start = m.start() if bracketed else (m.start("kind") - len(org) - 1 if org else m.start("kind"))
        end = m.end() if bracketed else m.start("name") + len(name or "")
        agency = (self.lex.canon(org) or org) if org and org.lower() not in _GENERIC_CREDITS else None
        return start, end, (agency, name)

    # ---- captions -------------------------------------------------------------------

    def captions(self, text: str, credits: list[Credit]) -> list[Caption]:
        """Marked captions (label set) and, optionally, the unmarked duplicates of them."""
        credit_starts = sorted(c.start for c in credits)
        credit_spans = [(c.start, c.end) for c in credits]
        found: list[Caption] = []
        # A marker ends in a colon near its line start, or follows an opening bracket.
        matches: list[re.Match[str]] = []
        for c in sorted(_positions(text, (b":",))):
            ls = text.rfind("\n", 0, c) + 1
            m = _CAPTION_LINE.match(text, ls) if c - ls < 40 else None
            if m and m.start("body") > c and (not matches or matches[-1].start() != m.start()):
                matches.append(m)
        for p in _positions(text, (b"(",)):
            m = _CAPTION_PAREN.match(text, p)
            if m:
                matches.append(m)
        for m in matches:
            bs, be = _trim(text, m.start("body"), m.end("body"))
            if bs >= be or bs in credit_starts or _overlaps(m.start("label"), m.end("label"), credit_spans):
                continue  # "Photo: Getty Images" is a credit
            cut = next((s for s in credit_starts if bs < s < be), None)
            if cut is not None:  # the caption ends before its credit
                be = cut
                while be > bs and (text[be - 1].isspace() or text[be - 1] in "(|-–—[/"):
                    be -= 1
            if be > bs:
                found.append(Caption(start=bs, end=be, text=text[bs:be], label=m["label"]))
        found = [c for _, _, c in _greedy([(c.start, c.end, c) for c in found])]  # type: ignore[misc]
        if self.detect_unmarked_captions and found:
            found += self._unmarked(text, found, credits)
            found.sort(key=lambda c: c.start)
        return found

    def _unmarked(self, text: str, marked: list[Caption], credits: list[Credit]) -> list[Caption]:
        bodies = [_WS.sub(" ", c.text) for c in marked]
        taken = [(c.start, c.end) for c in marked]
        out: list[Caption] = []
        for line in _LINE.finditer(text):
            s, e = _trim(text, line.start(), line.end())
            if e - s < self.min_unmarked_caption_chars or _overlaps(s, e, taken):
                continue
            for c in credits:  # a duplicate may carry its credit too
                if s < c.start < e and not text[c.end : e].strip():
                    e = _trim(text, s, c.start)[1]
            cand = _WS.sub(" ", text[s:e]).rstrip(" .…")
            if cand.endswith("..."):
                cand = cand[:-3].rstrip()
            if len(cand) >= self.min_unmarked_caption_chars and any(b.startswith(cand) for b in bodies):
                out.append(Caption(start=s, end=e, text=text[s:e], label=None))
        return out

    # ---- datelines ------------------------------------------------------------------

    def datelines(self, text: str, paragraphs: list[Paragraph]) -> list[Dateline]:
        """Wire datelines at paragraph starts, and "DATELINE (Agency) —" starting a sentence."""
        out: list[Dateline] = []
        starts = {p.start for p in paragraphs}
        for p in paragraphs:
            d = self._dateline_at(text, p.start, p.end, strict=False)
            if d:
                out.append(d)
        for m in self.lex.datelines_mid.finditer(text):
            if any(d.start <= m.start() < d.end for d in out):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            window = max(line_start, m.start() - 120)
            # Candidate starts: every sentence start in the window (abbreviations such as
            # "N.M. (AP)" also look like sentence ends, so not just the last one) ...
            cands = [se.end() for se in _SENTENCE_END.finditer(text, window, m.start())]
            # Also the run of capitalised words just before the bracket ("..., Associated Press WASHINGTON (AP)").
            run = _CAPS_RUN.search(text, window, m.start())
            if run:
                cands.append(run.start())
            for s in cands:
                if s in starts:
                    continue
                d = self._dateline_at(text, s, m.end(), strict=True)
                if d and d.end == m.end():
                    out.append(d)
                    break
        out.sort(key=lambda d: d.start)
        return out

    def _dateline_at(self, text: str, pos: int, endpos: int, *, strict: bool) -> Dateline | None:
        m = _DATELINE.match(text, pos, min(endpos, pos + 140))
        if not m or m.end() == pos:
            return None
        place, agency, dash = m["place"], m["agency"], m["dash"]
        if not (place or agency) or not (dash or agency):
            return None
        if strict and not (place and agency and dash and dash != ":"):
            return None
        if agency:
            words = [w for w in agency.split(" ") if w not in ("of", "and")]
            if len(words) > 5 or any(w[:1].islower() for w in words):
                return None
        known_agency = bool(agency and (self.lex.canon(agency) or self.lex.is_outlet(agency)))
        if not place and agency and agency.isupper() and not known_agency and (" " in agency or len(agency) > 5):
            place, agency = agency, None  # "(NEW YORK) —": the place in brackets
        if place:
            head = place.split(",")[0]
            words = head.split(" ")
            letters = [ch for ch in head if ch.isalpha()]
            caps = head == head.upper() and len(letters) >= 2
            if head.strip(" .").upper() in _NOT_PLACES or _bare_upper(words[0]) in _NOT_PLACE_STARTS:
                return None
            if any(w.endswith(".") and len(w) > 3 for w in words[:-1]):
                return None  # a sentence ends inside: "June V. Schell. June V. (Watson)"
            if not caps and not (dash or known_agency):
                return None  # "The World Health Organization (WHO)": mixed case needs a dash or a known agency
            if not caps and (strict or not agency):
                return None  # "Paris —" is too weak without capitals
            if dash == ":" and (not caps or len(letters) < 4):
                return None
            if _CAPTION_LINE.match(text, pos):
                return None
        end = m.end()
        return Dateline(
            start=pos,
            end=end,
            text=text[pos:end],
            place=place,
            date=m["date"],
            agency=(self.lex.canon(agency) or agency) if agency else None,
        )

    # ---- attributions ---------------------------------------------------------------

    def attributions(self, text: str) -> list[Attribution]:
        """Claims credited to another outlet (see the module docstring for the cues)."""
        cands: list[tuple[int, int, object]] = []
        for head in _windowed(_CUE_FORWARD, text, _word_positions(text, _FORWARD_WORDS), 32, 45):
            if head["told"] and not self.include_told:
                continue
            m = _CUE_OBJECT.match(text, head.end())
            if not m:
                continue
            strong = head["inv"] is not None
            found = self._outlet_prefix(m["name"], strong)
            if not found:
                continue
            o_start = m.start("name") + found[0]
            o_end = o_start + len(found[1])
            if strong and not self.lex.is_outlet(found[1]) and not _is_media_name(found[1]):
                if text[o_end : o_end + 1] not in ("", ".", "!", "?", ";", "\n", "”", '"', ")"):
                    continue  # the inverted cue accepts any name only at a sentence end
            cue_start = head.start("cue") if head["cue"] else head.start("inv")
            cands.append((cue_start, o_end, (text[o_start:o_end], head["cue"] or head["inv"])))
        for m in _windowed(_CUE_BACKWARD, text, _word_positions(text, _BACKWARD_WORDS), 110, 40):
            found = self._outlet_suffix(m["name"])
            if not found:
                continue
            o_start = m.start("name") + found[0]
            start = o_start
            if text[max(0, o_start - 4) : o_start].lower() == "the ":  # keep "the" in the span
                start = o_start - 4
            cands.append((start, m.end("cue"), (text[o_start : o_start + len(found[1])], m["cue"])))
        return [
            Attribution(start=s, end=e, text=text[s:e], outlet=info[0], cue=info[1])  # type: ignore[index]
            for s, e, info in _greedy(cands)
        ]

    @staticmethod
    def _outlet_words(name: str) -> tuple[int, list[str]]:
        """(offset, words) of a capitalised run, without a leading "The" and what follows a possessive."""
        lead = 4 if name.startswith("The ") else 0
        name = re.split(r"['’]s(?![\w])", name[lead:], maxsplit=1)[0]  # "CNN's Jake Tapper" -> "CNN"
        return lead, name.rstrip(".,;:'’/-").split(" ")

    def _outlet_prefix(self, name: str, strong: bool) -> tuple[int, str] | None:
        """(offset, outlet) at the start of ``name`` (a forward cue's object), or None."""
        lead, words = self._outlet_words(name)
        if not words[0] or _bare_upper(words[0]) in _STOP_WORDS:
            return None
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n]).rstrip(".,;:")
            if self.lex.is_outlet(cand):
                return lead, cand
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n]).rstrip(".,;:")
            if _is_media_name(cand):
                return lead, cand
        if strong and len(words) <= 4:
            return lead, " ".join(words)
        return None

    def _outlet_suffix(self, name: str) -> tuple[int, str] | None:
        """(offset, outlet) at the end of ``name`` (a backward cue's subject), or None."""
        lead, words = self._outlet_words(name)
        offsets = [lead]
        for w in words[:-1]:
            offsets.append(offsets[-1] + len(w) + 1)
        for i in range(len(words)):
            cand = " ".join(words[i:])
            if words[i] != "The" and self.lex.is_outlet(cand):
                return offsets[i], cand
        # An unknown name: drop leading sentence openers ("Meanwhile The Lansing State Journal").
        i = 0
        while i < len(words) - 1 and (_bare_upper(words[i]) in _STOP_WORDS or words[i].endswith((".", ","))):
            i += 1
        cand = " ".join(words[i:])
        if _is_media_name(cand) and _bare_upper(words[i]) not in _STOP_WORDS:
            return offsets[i], cand
        return None

    # ---- contacts -------------------------------------------------------------------

    def contacts(self, text: str) -> list[Contact]:
        """E-mail addresses, URLs and phone numbers in contact units (see the module docstring)."""
        values: list[tuple[int, int, str]] = []
        values += [(m.start(), m.end(), "email") for m in _windowed(_EMAIL, text, _positions(text, (b"@",)), 80, 260)]
        url_anchors = _positions(text, (b"http", b"www."))
        domain_anchors = [m.start() for m in _DOMAIN_ANCHOR.finditer(_scan(text)[0])]
        for pat, anchors, before in ((_URL, url_anchors, 1), (_DOMAIN, domain_anchors, 80)):
            for m in _windowed(pat, text, anchors, before, 400):
                s, e = m.start(), m.end()
                while e > s and text[e - 1] in _TRAILING_URL_PUNCT:
                    e -= 1
                if e > s and not _overlaps(s, e, [(a, b) for a, b, _ in values]):
                    values.append((s, e, "url"))
        # Phone numbers count only near contact wording, so they are looked for only there.
        for m in _windowed(_PHONE, text, _word_positions(text, _CONTACT_WORDS_ASCII), 200, 300):
            v = m.group()
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_+/.,-"):
                continue  # inside a longer token
            digits = sum(ch.isdigit() for ch in v)
            if not 7 <= digits <= 15 or v.isdigit() or _YEAR_RANGE.fullmatch(v):
                continue
            if not _overlaps(m.start(), m.end(), [(a, b) for a, b, _ in values]):
                values.append((m.start(), m.end(), "phone"))
        out: list[Contact] = []
        for s, e, kind in sorted(values):
            us, ue = self._contact_unit(text, s, e)
            unit = text[us:ue]
            standalone = unit.strip(" .,;:()[]<>") == text[s:e]
            if not (kind == "email" and self.emails_anywhere) and not standalone and not _CONTACT_WORDS.search(unit):
                continue
            out.append(Contact(start=us, end=ue, text=unit, kind=kind, value=text[s:e]))
        return out

    @staticmethod
    def _contact_unit(text: str, s: int, e: int) -> tuple[int, int]:
        """The bracketed block around [s, e) on its line, else its sentence within its line."""
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        if line_end < 0:
            line_end = len(text)
        lp = text.rfind("(", line_start, s)
        if lp >= 0 and text.find(")", lp, s) < 0:
            rp = text.find(")", e, line_end)
            if rp >= 0 and text.find("(", e, rp) < 0:
                return lp, rp + 1
        start = line_start
        for m in _SENTENCE_END.finditer(text, max(line_start, s - 400), s):
            start = m.end()
        stop = _SENTENCE_STOP.search(text, e, line_end)
        end = stop.end() if stop else line_end
        return _trim(text, start, end)


@register_stage("structure")
class StructureStage(Stage):
    """Fill ``article.structure``: paragraphs, captions, credits, datelines, attributions, contacts.

    detect_unmarked_captions: also mark lines that repeat a marked caption (label None).
    min_unmarked_caption_chars: the shortest line taken as such a repeat.
    include_told: take "told CNN" as an attribution (cue "told").
    emails_anywhere: take every e-mail address as a contact (else only in contact wording).
    extra_agencies: more agencies, as names or {canonical: [forms]}.
    extra_outlets: more outlet names for attributions.
    """

    def __init__(
        self,
        *,
        detect_unmarked_captions: bool = True,
        min_unmarked_caption_chars: int = 20,
        include_told: bool = True,
        emails_anywhere: bool = True,
        extra_agencies: Mapping[str, Iterable[str]] | Iterable[str] = (),
        extra_outlets: Iterable[str] = (),
    ) -> None:
        self.analyzer = StructureAnalyzer(
            detect_unmarked_captions=detect_unmarked_captions,
            min_unmarked_caption_chars=min_unmarked_caption_chars,
            include_told=include_told,
            emails_anywhere=emails_anywhere,
            extra_agencies=extra_agencies,
            extra_outlets=extra_outlets,
        )

    def __call__(self, article: Article) -> Article:
        article.structure = self.analyzer.analyze(article.text)
        return article


def analyze_structure(text: str, **config: object) -> Structure:
    """The structure of one text, with the stage's configuration as keyword arguments."""
    return StructureAnalyzer(**config).analyze(text)  # type: ignore[arg-type]
