"""Word lists behind the *specific* criterion, as Python data (Swedish and English).

Every list is explicit: a vague verb lists each inflected form it matches
("främjar", "främjade", "främjat", "främjas"), so matching is on whole word
forms and never on substrings ("arbetsförmedling" is not "arbeta för",
"utvecklingssamtal" is not "utveckla", "Öland" is not "öka"). Compounds are never
matched as vague verbs: "förbättringsområde" and "hälsofrämjande" are nouns and
adjectives that name a field, not promises. Only the endings of compounds that
name a measure ("växthusgas*utsläppen*"), a document or facility
("handlings*plan*") or a value ("världs*ledande*") are read, with at least three
letters before them.

Besides the vague verbs and fillers, each lexicon lists what makes a goal name a
*result* (measures, deliverables, the words around them) and the words of values
and ambitions that are the evidence of a goal that names none (issue 13).

Phrases are written as words separated by spaces; ``|`` separates the forms
accepted at one position (``"fortsätta|fortsätter|fortsatte att"``). All words
are lower case (texts are compared case-folded).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

__all__ = ["LEXICONS", "Lexicon", "VagueVerb"]


class VagueVerb(NamedTuple):
    """One vague verb (or verb phrase) of a lexicon.

    Attributes
    ----------
    lemma
        The dictionary form, for reading and tests ("verka för").
    forms
        Every inflected form of the head word that is matched.
    particles
        Words that must (or may) follow the head, one set of forms per position
        ("för"; "efter|mot").
    particle_required
        Whether the head alone is not the vague phrase ("verka" alone is not,
        "verka för" is; "värna" is vague with or without "om").
    quantifiable
        True for verbs of change ("öka", "förbättra", "improve") that are vague
        only when the sentence gives no quantity ("till 90 %", "med 5
        procentenheter"); False for verbs that stay vague whatever follows
        ("främja", "verka för", "promote").
    """

    lemma: str
    forms: frozenset[str]
    particles: tuple[frozenset[str], ...] = ()
    particle_required: bool = True
    quantifiable: bool = False


class Lexicon(NamedTuple):
    """The word lists of one language."""

    vague: tuple[VagueVerb, ...]
    fillers: tuple[tuple[frozenset[str], ...], ...]
    gap: frozenset[str]
    """Words allowed between a vague head and its particle ("arbeta *aktivt* för")."""
    not_after_particle: frozenset[str]
    """Words that, right after the particle, show it is not the vague phrase
    ("verkar för *tidigt*", "arbetar för *kommunen*")."""
    determiners: frozenset[str]
    """Words after which a one-word filler is an adjective ("ett *aktivt* liv")."""
    quantity_words: frozenset[str]
    percent_words: frozenset[str]
    label_words: frozenset[str]
    """Words before a number that make it a name, not a quantity ("årskurs 9")."""
    age_words: frozenset[str]
    """Words after a number that make it an age ("16-24 år")."""
    quantity_prepositions: frozenset[str]
    """Words before a number that keep it a quantity even before an age word
    ("med 2 år")."""
    count_before: frozenset[str]
    """Words before a four-digit number that make it a count, not a year ("med 2000")."""
    count_after: frozenset[str]
    """Words after a four-digit number that make it a count ("2000 nya bostäder")."""
    modals: frozenset[str]
    conjunctions: tuple[tuple[str, ...], ...]
    subordinators: frozenset[str]
    infinitive_markers: frozenset[str]
    goal_infinitives: frozenset[str]
    finite_goal_forms: frozenset[str]
    stop: frozenset[str]
    """Words that carry no object or target group (pronouns, auxiliaries,
    prepositions, the organisation itself, comparatives)."""
    markers: frozenset[str]
    """Frequent words that identify the language."""
    measures: frozenset[str] = frozenset()
    """Word forms that name something verifiable, a *result*: a measure ("andel",
    "antal", "kostnad", "nöjda", "utsläpp", "placering"), a perceived state measured
    by a survey ("upplever", "upplevda") or an outcome that happened or not
    ("examen", "betyg")."""
    measure_heads: tuple[str, ...] = ()
    """Endings of compounds that name a measure ("växthusgas*utsläppen*",
    "barn*fattigdomen*", "utbildnings*nivån*", "klimat*neutral*"): matched when at
    least three letters come before them, never as the word alone ("nivå", "fri")."""
    result_phrases: tuple[tuple[frozenset[str], ...], ...] = ()
    """Phrases that name a result where no word of them does ("eget kapital",
    "årets resultat", "tas fram", "waiting times")."""
    deliverables: frozenset[str] = frozenset()
    """Word forms of verbs that name a deliverable done ("byggas", "antagen",
    "införs", "färdigställas", "built", "adopted")."""
    documents: frozenset[str] = frozenset()
    """Nouns of things that exist or not ("plan", "rutiner", "simhall"), a
    deliverable when the text says they are to exist ("ska finnas")."""
    document_heads: tuple[str, ...] = ()
    """Endings of compounds of :attr:`documents` ("handlings*plan*", "sim*hall*")."""
    offers: frozenset[str] = frozenset()
    """Verbs that offer a service ("erbjuda", "offer"): a deliverable, unless the text
    says what it is to be like only with words of :attr:`values` ("erbjuder en service
    som är effektiv")."""
    imperatives: frozenset[str] = frozenset()
    """Verbs that name a deliverable when they open a sentence, as an order ("Inför
    insamling av matavfall"; "inför" elsewhere is a preposition)."""
    more: frozenset[str] = frozenset()
    """Comparatives that, opening a sentence before a noun, say that a number is to
    change ("*Fler* elever ska nå ..."); after an effort verb they do not ("verka för
    fler arbetstillfällen")."""
    universals: frozenset[str] = frozenset()
    """Words that make a goal a promise to everyone ("*alla* barn", "*varje* skola"):
    one that is kept or not, unless words of :attr:`values` or a vague verb say what
    is promised."""
    existence: frozenset[str] = frozenset()
    """Verbs that say a thing is to exist ("finnas", "finns", "exist")."""
    ratio_words: frozenset[str] = frozenset()
    """Words between two words that make a ratio or a rate ("vuxna *per* barn")."""
    title_genitives: frozenset[str] = frozenset()
    """Words before a capitalised name that make it a title won or not
    ("*Sveriges* Kvalitetskommun")."""
    values: frozenset[str] = frozenset()
    """Words of values and ambitions that name no result ("attraktiv", "hållbar",
    "god", "kvalitet", "ledande"): the evidence of a vague goal."""
    value_heads: tuple[str, ...] = ()
    """Endings of compounds of :attr:`values` ("världs*ledande*", "livs*kvalitet*")."""


def _phrase(text: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(position.split("|")) for position in text.split())


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _sv_a(stem: str, *extra: str) -> frozenset[str]:
    """The forms of a Swedish first-conjugation verb ("främj" -> "främja", ...)."""
    endings = ("a", "ar", "ade", "at", "as", "ades", "ats", "ad", "ande")
    return frozenset([stem + ending for ending in endings] + list(extra))


def _vague(
    lemma: str,
    forms: Iterable[str],
    particles: str = "",
    *,
    required: bool = True,
    quantifiable: bool = False,
) -> VagueVerb:
    return VagueVerb(
        lemma=lemma,
        forms=frozenset(forms),
        particles=_phrase(particles),
        particle_required=required and bool(particles),
        quantifiable=quantifiable,
    )


# --- Swedish ---------------------------------------------------------------------------

_SV_NOUN = ("ning", "ningen", "ningar", "ningarna")

_SV_VAGUE = (
    # Verbs of change: vague only without a quantity.
    _vague("öka", _sv_a("ök", *("ök" + e for e in _SV_NOUN)), quantifiable=True),
    _vague("minska", _sv_a("minsk", *("minsk" + e for e in _SV_NOUN)), quantifiable=True),
    _vague(
        "förbättra",
        _sv_a("förbättr", "förbättring", "förbättringen", "förbättringar", "förbättringarna"),
        quantifiable=True,
    ),
    _vague(
        "höja",
        _words("höj höja höjer höjde höjt höjs höjas höjdes höjts höjda höjning höjningen"),
        quantifiable=True,
    ),
    _vague(
        "sänka",
        _words(
            "sänk sänka sänker sänkte sänkt sänks sänkas sänktes sänkts sänkta sänkning sänkningen"
        ),
        quantifiable=True,
    ),
    _vague(
        "stärka",
        _words("stärk stärka stärker stärkte stärkt stärks stärkas stärktes stärkts stärkta"),
        quantifiable=True,
    ),
    _vague(
        "förstärka",
        _words(
            "förstärk förstärka förstärker förstärkte förstärkt förstärks förstärkas förstärktes "
            "förstärkts förstärkta"
        ),
        quantifiable=True,
    ),
    _vague("utveckla", _sv_a("utveckl"), quantifiable=True),
    _vague("vidareutveckla", _sv_a("vidareutveckl"), quantifiable=True),
    _vague("förkorta", _sv_a("förkort", "förkortning", "förkortningen"), quantifiable=True),
    _vague("utöka", _sv_a("utök", "utökning", "utökningen"), quantifiable=True),
    _vague(
        "effektivisera",
        _sv_a("effektiviser", "effektivisering", "effektiviseringen"),
        quantifiable=True,
    ),
    # "Möjliggöra 400 nya bostäder" promises a result.
    _vague(
        "möjliggöra",
        _words(
            "möjliggöra möjliggör möjliggjorde möjliggjort möjliggörs möjliggöras möjliggjordes"
        ),
        quantifiable=True,
    ),
    # Verbs that promise an effort, not a result: always vague.
    _vague("främja", _sv_a("främj", "främjandet")),
    _vague("verka för", _sv_a("verk"), "för"),
    _vague("sträva efter", _sv_a("sträv"), "efter|mot"),
    _vague("strävan", ("strävan", "strävanden")),
    _vague("eftersträva", _sv_a("eftersträv")),
    _vague("arbeta för", _sv_a("arbet"), "för"),
    _vague("jobba för", _sv_a("jobb"), "för"),
    _vague(
        "bidra till",
        _words("bidra bidraga bidrar bidrog bidragit bidras bidrogs bidragits"),
        "till",
    ),
    _vague("värna", _sv_a("värn"), "om", required=False),
    _vague("stimulera", _sv_a("stimuler")),
    _vague("underlätta", _sv_a("underlätt")),
    _vague("uppmuntra", _sv_a("uppmuntr")),
    _vague(
        "skapa förutsättningar", _sv_a("skap"), "förutsättning|förutsättningar|förutsättningarna"
    ),
    _vague("satsa på", _sv_a("sats"), "på"),
    _vague("fokusera på", _sv_a("fokuser"), "på"),
    _vague("arbeta med", _sv_a("arbet"), "med"),
    _vague("bekämpa", _sv_a("bekämp")),
    _vague(
        "säkerställa",
        _words(
            "säkerställa säkerställer säkerställde säkerställt säkerställs säkerställas "
            "säkerställdes säkerställts"
        ),
    ),
    _vague("tillförsäkra", _sv_a("tillförsäkr")),
    _vague("investera i", _sv_a("invester"), "i"),
    # Not "prioriterade", which mostly names the plan's own priority areas.
    _vague("prioritera", ("prioritera", "prioriterar", "prioriteras")),
)

_SV_FILLERS = tuple(
    _phrase(p)
    for p in (
        "i möjligaste mån",
        "så långt som möjligt",
        "så långt det är möjligt",
        "så långt möjligt",
        "så mycket som möjligt",
        "så snart som möjligt",
        "så länge som möjligt",
        "om möjligt",
        "när det är möjligt",
        "där det är möjligt",
        "i mån av",
        "i den mån",
        "i viss mån",
        "vid behov",
        "efter förmåga",
        "på sikt",
        "på längre|lång sikt",
        "över tid",
        "med tiden",
        "framöver",
        "de kommande åren",
        "successivt",
        "aktivt",
        "kraftfullt",
        "ständigt",
        "kontinuerligt",
        "hela tiden",
        "fortsätta|fortsätter|fortsatte|fortsätts",
        "fortsätta|fortsätter|fortsatte|fortsatt att",
        "fortsättningsvis",
        "fortsatt arbete",
        "arbeta|arbetar vidare med",
        "ha|har som ambition|målsättning att",
        "ha|har ambitionen att",
        "ambitionen är att",
        "se|ser|ses över",
        "undersöka|undersöker möjligheten|möjligheterna",
        "i större|högre|ökad utsträckning",
        "i högre|hög grad",
        "på ett bra|bättre sätt",
        "på bästa|bästa möjliga sätt",
        "bästa möjliga",
        "allt fler|mer|bättre",
        "mer och mer",
        "inom befintliga|givna ramar|resurser",
        "bland annat",
    )
)

_SV_STOP = _words(
    # pronouns, articles, determiners
    "jag du han hon vi ni de dem den det denna detta dessa man sig sin sitt sina vår vårt "
    "våra er ert era hans hennes deras dess oss mig dig en ett all alla allt samtliga "
    "varje någon något några ingen inget inga andra annan annat egen eget egna själva "
    # prepositions, conjunctions, subjunctions
    "i på av för till med om från hos under över efter mot utan vid inom genom mellan "
    "kring runt bland åt ur än och samt eller men att som så när då där eftersom medan "
    # auxiliaries and verbs without content
    "ska skall bör kan kunna måste vill får få fick fått kommer komma ha har hade haft "
    "vara är var varit bli blir blev blivit göra gör gjorde gjort lyckas lyckades jobba "
    "arbeta arbetar satsa fortsätta sträva ta tar ge ger "
    # adverbs and comparatives that add no object
    "inte ej mer mera mest mycket bättre bäst sämre bra gott god goda stor större störst "
    "hög högre högst fler flera flest färre mindre minst alltid ännu redan nu här också "
    "även dessutom tillsammans hela helt tiden ytterligare framåt vidare snabbt tydligt "
    "tydligare effektivt effektivare starkare hårdare smartare snabbare "
    # the organisation speaking about itself
    "kommunen kommun kommunens staden stadens nämnden nämnderna nämndens förvaltningen "
    "förvaltningarna förvaltningens verksamhet verksamheten verksamheter verksamheterna "
    "organisationen organisationens"
)


def _forms(*stems: str, endings: str = "") -> frozenset[str]:
    """Each stem, and each stem with each ending (``endings`` separated by spaces)."""
    return frozenset(stem + ending for stem in stems for ending in ("", *endings.split()))


_SV_MEASURES = _words(
    "andel andelen andelar andelarna antal antalet antalen kostnad kostnaden kostnader "
    "kostnaderna nettokostnad nettokostnaden nöjd nöjda nöjt nöjdare nöjdhet nöjdheten "
    "missnöjda placering placeringen placeringar rankning rankningen ranking rankingen "
    "utsläpp utsläppen frånvaro frånvaron meritvärde meritvärdet meritvärden meritvärdena "
    "behörig behöriga behörighet behörigheten examen examina betyg betyget betygen "
    "befolkning befolkningen invånarantal invånarantalet folkmängd folkmängden "
    "sysselsättning sysselsättningen arbetslöshet arbetslösheten soliditet soliditeten "
    "omsättning omsättningen förbrukning förbrukningen användning användningen "
    "fattigdom fattigdomen brottslighet brottsligheten överskott överskottet "
    "index indexet nmi nki nri "
    # a perceived state, measured by a survey (not "upplevas som", a value)
    "upplever upplevd upplevda upplevt upplevde "
    # an outcome that happened or not
    "fullfölja fullföljer fullföljt fullföljd fullföljda fullföljde godkänd godkända godkänt "
    # a count, a budget kept or not
    "budgetram budgetramen budgetramar "
    "budgetramarna budgetavvikelse budgetavvikelsen resultatmål resultatmålet"
) | _forms(
    "väntetid",
    "handläggningstid",
    "svarstid",
    "ledtid",
    "kötid",
    "restid",
    "insatstid",
    "responstid",
    "utredningstid",
    "behandlingstid",
    "genomströmningstid",
    endings="en er erna",
)

_SV_MEASURE_HEADS = (
    "utsläpp",
    "utsläppen",
    "frånvaro",
    "frånvaron",
    "fattigdom",
    "fattigdomen",
    "förbrukning",
    "förbrukningen",
    "användning",
    "användningen",
    "avtryck",
    "avtrycket",
    "nivå",
    "nivån",
    "nivåer",
    "nivåerna",
    "grad",
    "graden",
    "kostnad",
    "kostnaden",
    "kostnader",
    "kostnaderna",
    "andel",
    "andelen",
    "index",
    "indexet",
    "väntetid",
    "väntetiden",
    "väntetider",
    "väntetiderna",
    "behörighet",
    "behörigheten",
    # a level zero ("fossilfri", "klimatneutral"): the word alone is no measure
    "fri",
    "fria",
    "fritt",
    "neutral",
    "neutrala",
    "neutralt",
    "neutralitet",
    "neutraliteten",
)

_SV_VALUES = _words(
    "attraktiv attraktivt attraktiva attraktivare attraktivast attraktivaste attraktivitet "
    "attraktiviteten hållbar hållbart hållbara hållbarhet hållbarheten god gott goda bra "
    "hög högt höga trygg tryggt trygga tryggare tryggast tryggaste trygghet tryggheten "
    "bäst bästa ledande leda leder kvalitet kvaliteten kvalité kvalitén kvaliteter "
    "livskvalitet livskvaliteten modern modernt moderna innovativ innovativt innovativa "
    "inkluderande välmående välbefinnande välbefinnandet effektiv effektivt effektiva "
    "effektivare stark starkt starka starkare positiv positivt positiva levande jämlik "
    "jämlikt jämlika jämlikhet jämställd jämställt jämställda jämställdhet jämställdheten "
    "tillgänglig tillgängligt tillgängliga tillgänglighet enkel enkelt enkla "
    "tillitsbaserad tillitsbaserat tillitsbaserade delaktighet delaktig delaktiga "
    "inflytande engagemang arbetsglädje möjlighet möjligheter möjligheten valfrihet "
    "tillväxt tillväxten utveckling utvecklingen fungerande trivsel fokus framtiden "
    "kraft offensiv offensivt långsiktigt långsiktig hälsa hälsan beredskap förmåga "
    "lättillgänglig lättillgängliga hjälpsam trivsam klimatsmart världsledande "
    "integration integrationen utanförskap utanförskapet segregation segregationen "
    "likvärdig likvärdiga likvärdigt studiero arbetsro tillit motivation"
)

SV = Lexicon(
    vague=_SV_VAGUE,
    fillers=_SV_FILLERS,
    gap=_words(
        "aktivt fortsatt vidare kraftfullt också även särskilt tydligt gemensamt tillsammans "
        "alltid ständigt goda bättre bra rätt nya fler långsiktiga ökade de mer mera ännu"
    ),
    not_after_particle=_words(
        "tidigt sent mycket lite få många stor stort stora liten litet små högt hög höga "
        "låg lågt låga dyr dyrt kommunen staden regionen oss dem sig er företaget "
        "förvaltningen nämnden"
    ),
    determiners=_words(
        "ett det detta sitt vårt mitt ditt ert deras hans hennes dess eget samma mer mest mycket så"
    ),
    quantity_words=_words(
        "två tre fyra fem sex sju åtta nio tio elva tolv femton tjugo trettio fyrtio femtio "
        "hundra tusen miljon miljoner noll hälften halvera halveras halverad halverat "
        "fördubbla fördubblas fördubblad fördubblat dubbelt"
    ),
    percent_words=_words(
        "procent procenten procentenhet procentenheter procentenheterna promille kronor kr tkr "
        "mnkr mkr"
    ),
    label_words=_words("årskurs åk klass agenda iso kapitel kap nr nummer mål steg nivå covid sdg"),
    age_words=_words("år års åringar åriga åring"),
    quantity_prepositions=_words("med till från"),
    count_before=_words("med minst högst cirka ca drygt"),
    count_after=_words("per st stycken nya fler personer bostäder lägenheter platser"),
    modals=_words("ska skall bör måste"),
    conjunctions=(("och",), ("samt",), ("men",), ("samtidigt", "som"), (",",), (";",)),
    subordinators=_words(
        "som vilket vilka vilken där när då om eftersom så medan tills innan vars hur varför "
        "huruvida"
    ),
    infinitive_markers=_words("att"),
    goal_infinitives=_words(
        "öka minska förbättra höja sänka stärka utveckla främja halvera fördubbla "
        "säkerställa skapa erbjuda bygga nå uppnå införa genomföra korta förkorta effektivisera "
        "utöka höj sänk stärk"
    ),
    finite_goal_forms=_words(
        "ökar minskar förbättras höjs sänks stärks utvecklas når uppnår klarar halveras "
        "fördubblas kortas"
    ),
    stop=_SV_STOP,
    markers=_words(
        "och att ska skall som för med till av på i är det den de en ett alla fler andel "
        "andelen år senast kommunen inom ha vara bli samt eller inte minst procent ökad "
        "öka minska invånare elever barn äldre nöjda"
    ),
    measures=_SV_MEASURES,
    measure_heads=_SV_MEASURE_HEADS,
    result_phrases=tuple(
        _phrase(p)
        for p in (
            "eget|egna kapital|kapitalet",
            "årets|ekonomiskt|ekonomiska resultat|resultatet",
            "ta|tar|tas|tagits|togs|tagas fram",
        )
    ),
    deliverables=_words(
        "bygga bygger byggas byggs byggd byggda byggt byggdes byggts färdigställa "
        "färdigställas färdigställs färdigställd färdigställda färdigställt färdigställdes "
        "färdigställts anta antas antagen antagna antaget antagits antogs införa införas "
        "införs införd införda infört införts infördes inrätta inrättas inrättad inrättat "
        "inrättade inrättats upprätta upprättas upprättad upprättat upprättats öppnas "
        "öppnats invigas invigd invigt anläggas anlagd anlagt uppföra uppföras uppförd "
        "uppfört"
    ),
    documents=_words(
        "plan planen planer planerna program programmet policy policyn strategi strategin "
        "strategier rutin rutinen rutiner rutinerna riktlinje riktlinjer riktlinjerna "
        "avtal avtalet handbok handboken"
    ),
    document_heads=(
        "plan",
        "planen",
        "planer",
        "planerna",
        "program",
        "programmet",
        "policy",
        "strategi",
        "strategin",
        "rutiner",
        "rutinerna",
        "hall",
        "hallen",
        "hallar",
    ),
    offers=_words("erbjuda erbjuder erbjuds erbjudas erbjöd erbjudit erbjudits"),
    imperatives=_words("inför bygg anta inrätta upprätta öppna anlägg"),
    more=_words("fler färre"),
    universals=_words("alla samtliga varje"),
    existence=_words("finnas finns fanns funnits"),
    ratio_words=_words("per"),
    title_genitives=_words("sveriges europas världens nordens"),
    values=_SV_VALUES,
    value_heads=(
        "ledande",
        "kvalitet",
        "kvaliteten",
        "kvalité",
        "hållbar",
        "hållbara",
        "hållbart",
        "attraktiv",
        "attraktiva",
        "attraktivt",
    ),
)

# --- English ---------------------------------------------------------------------------


def _en(*forms: str) -> frozenset[str]:
    return frozenset(forms)


_EN_VAGUE = (
    _vague("increase", _en("increase", "increases", "increased", "increasing"), quantifiable=True),
    _vague(
        "reduce",
        _en("reduce", "reduces", "reduced", "reducing", "reduction", "reductions"),
        quantifiable=True,
    ),
    _vague("decrease", _en("decrease", "decreases", "decreased", "decreasing"), quantifiable=True),
    _vague(
        "improve",
        _en("improve", "improves", "improved", "improving", "improvement", "improvements"),
        quantifiable=True,
    ),
    _vague("raise", _en("raise", "raises", "raised", "raising"), quantifiable=True),
    _vague(
        "strengthen",
        _en("strengthen", "strengthens", "strengthened", "strengthening"),
        quantifiable=True,
    ),
    _vague(
        "enhance",
        _en("enhance", "enhances", "enhanced", "enhancing", "enhancement"),
        quantifiable=True,
    ),
    _vague("develop", _en("develop", "develops", "developed", "developing"), quantifiable=True),
    _vague(
        "expand", _en("expand", "expands", "expanded", "expanding", "expansion"), quantifiable=True
    ),
    _vague("boost", _en("boost", "boosts", "boosted", "boosting"), quantifiable=True),
    _vague("promote", _en("promote", "promotes", "promoted", "promoting")),
    _vague("foster", _en("foster", "fosters", "fostered", "fostering")),
    _vague("encourage", _en("encourage", "encourages", "encouraged", "encouraging")),
    _vague("facilitate", _en("facilitate", "facilitates", "facilitated", "facilitating")),
    _vague("enable", _en("enable", "enables", "enabled", "enabling"), quantifiable=True),
    _vague("stimulate", _en("stimulate", "stimulates", "stimulated", "stimulating")),
    _vague(
        "prioritise",
        _en("prioritise", "prioritises", "prioritize", "prioritizes", "prioritising"),
    ),
    _vague("work towards", _en("work", "works", "worked", "working"), "towards|toward"),
    _vague(
        "strive",
        _en("strive", "strives", "strove", "striven", "strived", "striving"),
        "to|for|towards|toward",
    ),
    _vague("contribute to", _en("contribute", "contributes", "contributed", "contributing"), "to"),
    _vague("focus on", _en("focus", "focuses", "focused", "focusing", "focussed"), "on"),
    _vague("combat", _en("combat", "combats", "combated", "combating", "combatting")),
    _vague("tackle", _en("tackle", "tackles", "tackled", "tackling")),
    _vague("fight", _en("fight", "fights", "fought", "fighting"), "against|for", required=False),
    _vague("ensure", _en("ensure", "ensures", "ensured", "ensuring")),
    _vague("invest in", _en("invest", "invests", "invested", "investing"), "in"),
    _vague(
        "create the conditions",
        _en("create", "creates", "created", "creating"),
        "conditions|preconditions",
    ),
)

_EN_FILLERS = tuple(
    _phrase(p)
    for p in (
        "as far as possible",
        "as much as possible",
        "as soon as possible",
        "as long as possible",
        "where possible",
        "wherever possible",
        "if possible",
        "when possible",
        "whenever possible",
        "to the extent possible",
        "to the extent that",
        "where appropriate",
        "as appropriate",
        "where relevant",
        "as needed",
        "if needed",
        "when needed",
        "in the long term",
        "in the longer term",
        "in the long run",
        "over time",
        "going forward",
        "in the coming years",
        "actively",
        "proactively",
        "continuously",
        "constantly",
        "gradually",
        "step by step",
        "continue|continues|continuing",
        "continue|continues|continued|continuing to",
        "keep|keeps working",
        "aim|aims to",
        "seek|seeks to",
        "endeavour|endeavor|endeavours|endeavors to",
        "our ambition is to",
        "look|looks into",
        "explore the possibility|possibilities|options",
        "to a greater|larger extent|degree",
        "to a large extent",
        "more and more",
        "increasingly",
        "within existing resources|budgets|budget|means|frameworks",
        "in a good way",
        "in the best possible way",
        "best possible",
        "among other things",
    )
)

_EN_STOP = _words(
    "i you he she we they them it this that these those one ones our ours us their its "
    "his her a an the all every each some any no none other others own "
    "in on of for to with about from at by under over after against without within "
    "through between among around into than and or but as so when then where because "
    "while if that which who whose "
    "will shall should must can could would may might have has had having be is are was "
    "were been being become becomes became get gets got do does did done make makes made "
    "succeed work works continue keep strive take give "
    "not more most much better best worse good great big bigger high higher fewer less "
    "least always still already now here also together further even very really "
    "clearly effectively quickly "
    "council municipality city committee administration organisation organization "
    "department authority"
)

EN = Lexicon(
    vague=_EN_VAGUE,
    fillers=_EN_FILLERS,
    gap=_words(
        "actively further also jointly together continuously the good better right new more"
    ),
    not_after_particle=_words("the council municipality us them"),
    determiners=_words("more most very an"),
    quantity_words=_words(
        "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
        "forty fifty hundred thousand million zero half halve halved halving double doubled "
        "doubling"
    ),
    percent_words=_words("percent cent percentage pp sek kronor"),
    label_words=_words("year grade class agenda iso chapter no number goal step level covid sdg"),
    age_words=_words("years year-olds aged"),
    quantity_prepositions=_words("by to from"),
    count_before=_words("least most about around over"),
    count_after=_words("per new more additional people homes flats places"),
    modals=_words("will shall should must"),
    conjunctions=(
        ("and",),
        ("but",),
        ("while",),
        ("whilst",),
        ("as", "well", "as"),
        (",",),
        (";",),
    ),
    subordinators=_words(
        "which who whose where when because so if that as until before how whether why"
    ),
    infinitive_markers=_words("to"),
    goal_infinitives=_words(
        "increase reduce decrease improve raise lower strengthen develop promote halve double "
        "ensure create offer provide build reach achieve introduce implement cut shorten expand"
    ),
    finite_goal_forms=_words(
        "increases decreases falls rises improves reaches achieves halves doubles"
    ),
    stop=_EN_STOP,
    markers=_words(
        "the and of to in will shall should by for with is are be all more share proportion "
        "percent at least from our we residents council a an that which who per increase "
        "reduce improve pupils children people older"
    ),
    measures=_words(
        "share shares proportion proportions percentage percentages number rate rates cost "
        "costs satisfaction satisfied dissatisfied ranking rankings ranked placing emissions "
        "emission absence absences absenteeism grades eligible eligibility qualified "
        "qualifications population employment unemployment solvency turnover consumption "
        "poverty crime index perceived perceive perceives waiting surplus"
    ),
    measure_heads=("free", "neutral", "neutrality"),
    result_phrases=tuple(
        _phrase(p)
        for p in (
            "processing|response|handling time|times",
            "sick leave",
            "equity ratio",
            "net result",
            "fossil free",
            "carbon|climate neutral|neutrality",
            "in place",
            "drawn up",
            "pass|passing grade|grades|mark|marks",
        )
    ),
    deliverables=_words(
        "build builds built adopt adopted introduce introduced complete completed establish "
        "established construct constructed opened implemented"
    ),
    documents=_words(
        "plan plans programme programmes program strategy policy routines guidelines "
        "agreement pool hall"
    ),
    offers=_words("offer offers offered offering"),
    imperatives=_words("build adopt introduce establish open"),
    more=_words("more fewer"),
    universals=_words("all every each"),
    existence=_words("exist exists existed"),
    ratio_words=_words("per"),
    title_genitives=_words("sweden's europe's world's"),
    values=_words(
        "attractive sustainable sustainability good high safe safety secure best leading "
        "world-leading quality modern innovative inclusive thriving vibrant excellent "
        "excellence world-class strong efficient effective positive equal equality accessible "
        "simple healthy health wellbeing well-being opportunities opportunity growth "
        "development engaged engagement trust future lead leads"
    ),
)

LEXICONS: dict[str, Lexicon] = {"sv": SV, "en": EN}
