"""Demo topics, people and articles loaded by ``manage.py load_demo_content``.

Every reference below was checked against publisher, PubMed or repository pages. A field that could not be
confirmed is left empty on purpose (for example the DOI of Palisano 2008): fill it in only after checking it.
The people are placeholders that the firm must replace with its real writers and a licensed medical reviewer.
"""

import copy
import datetime

TOPICS = [
    {
        "slug": "understanding-cerebral-palsy",
        "name": "Understanding cerebral palsy",
        "description": "What cerebral palsy is, its types, how common it is, and how doctors describe a child's movement.",
        "position": 1,
    },
    {
        "slug": "diagnosis-and-early-signs",
        "name": "Diagnosis and early signs",
        "description": "The first signs parents and doctors look for, and the tests that can confirm cerebral palsy early.",
        "position": 2,
    },
    {
        "slug": "treatment-and-research",
        "name": "Treatment and research",
        "description": "Therapies with good evidence behind them, and what research trials have found so far.",
        "position": 3,
    },
    {
        "slug": "birth-injuries-and-legal-help",
        "name": "Birth injuries and legal help",
        "description": "Injuries around birth that can lead to cerebral palsy, and when a family might speak to a lawyer.",
        "position": 4,
    },
]

PEOPLE = [
    {
        "slug": "editorial-team",
        "name": "Editorial team (placeholder)",
        "credentials": "",
        "job_title": "Writer (placeholder)",
        "bio": (
            "Placeholder byline for the demo articles. Before publishing, the firm should replace it with the "
            "real writer or editor and a short, true description of who they are."
        ),
    },
    {
        "slug": "medical-reviewer",
        "name": "Medical reviewer (placeholder)",
        "credentials": "To be replaced by the firm's reviewing physician",
        "job_title": "Medical reviewer (placeholder)",
        "bio": (
            "This is a placeholder, not a real person, and no physician has reviewed the demo articles. Before "
            "any article is published, the firm must replace it with a real, licensed physician who has read "
            "and approved the article, with their true name and credentials."
        ),
    },
]

# The checked reference list. Articles pick from it by key; fields that could not be confirmed stay empty.
REFERENCE_LIBRARY = {
    "chahine2016": {
        "authors": "Abi Chahine, N. H., Wehbe, T. W., Hilal, R. A., Zoghbi, V. V., Melki, A. E., Bou Habib, E. B.",
        "year": 2016,
        "title": "Treatment of cerebral palsy with stem cells: a report of 17 cases",
        "container": "International Journal of Stem Cells",
        "volume": "9",
        "issue": "1",
        "pages": "90–95",
        "doi": "10.15283/ijsc.2016.9.1.90",
        "url": "https://doi.org/10.15283/ijsc.2016.9.1.90",
        "evidence_type": "case_series",
    },
    "graham2016": {
        "authors": (
            "Graham, H. K., Rosenbaum, P., Paneth, N., Dan, B., Lin, J.-P., Damiano, D. L., Becher, J. G., "
            "Gaebler-Spira, D., Colver, A., Reddihough, D. S., Crompton, K. E., Lieber, R. L."
        ),
        "year": 2016,
        "title": "Cerebral palsy",
        "container": "Nature Reviews Disease Primers",
        "volume": "2",
        "issue": "",
        "pages": "15082",
        "doi": "10.1038/nrdp.2015.82",
        "url": "https://doi.org/10.1038/nrdp.2015.82",
        "evidence_type": "narrative_review",
    },
    "palisano1997": {
        "authors": "Palisano, R., Rosenbaum, P., Walter, S., Russell, D., Wood, E., Galuppi, B.",
        "year": 1997,
        "title": (
            "Development and reliability of a system to classify gross motor function in children with "
            "cerebral palsy"
        ),
        "container": "Developmental Medicine & Child Neurology",
        "volume": "39",
        "issue": "4",
        "pages": "214–223",
        "doi": "10.1111/j.1469-8749.1997.tb07414.x",
        "url": "https://doi.org/10.1111/j.1469-8749.1997.tb07414.x",
        "evidence_type": "classification",
    },
    # DOI not confirmed: leave doi and url empty until it has been resolved at doi.org.
    "palisano2008": {
        "authors": "Palisano, R. J., Rosenbaum, P., Bartlett, D., Livingston, M. H.",
        "year": 2008,
        "title": "Content validity of the expanded and revised Gross Motor Function Classification System",
        "container": "Developmental Medicine & Child Neurology",
        "volume": "50",
        "issue": "10",
        "pages": "744–750",
        "doi": "",
        "url": "",
        "evidence_type": "classification",
    },
    "rosenbaum2007": {
        "authors": (
            "Rosenbaum, P., Paneth, N., Leviton, A., Goldstein, M., Bax, M., Damiano, D., Dan, B., Jacobsson, B."
        ),
        "year": 2007,
        "title": "A report: the definition and classification of cerebral palsy April 2006",
        "container": "Developmental Medicine & Child Neurology",
        "volume": "49",
        "issue": "s109",
        "pages": "8–14",
        "doi": "10.1111/j.1469-8749.2007.tb12610.x",
        "url": "https://doi.org/10.1111/j.1469-8749.2007.tb12610.x",
        "evidence_type": "guideline",
    },
    "novak2017": {
        "authors": (
            "Novak, I., Morgan, C., Adde, L., Blackman, J., Boyd, R. N., Brunstrom-Hernandez, J., et al."
        ),
        "year": 2017,
        "title": (
            "Early, accurate diagnosis and early intervention in cerebral palsy: advances in diagnosis and "
            "treatment"
        ),
        "container": "JAMA Pediatrics",
        "volume": "171",
        "issue": "9",
        "pages": "897–907",
        "doi": "10.1001/jamapediatrics.2017.1689",
        "url": "https://doi.org/10.1001/jamapediatrics.2017.1689",
        "evidence_type": "guideline",
    },
    "novak2020": {
        "authors": "Novak, I., Morgan, C., Fahey, M., Finch-Edmondson, M., Galea, C., Hines, A., et al.",
        "year": 2020,
        "title": (
            "State of the evidence traffic lights 2019: systematic review of interventions for preventing and "
            "treating children with cerebral palsy"
        ),
        "container": "Current Neurology and Neuroscience Reports",
        "volume": "20",
        "issue": "2",
        "pages": "3",
        "doi": "10.1007/s11910-020-1022-z",
        "url": "https://doi.org/10.1007/s11910-020-1022-z",
        "evidence_type": "systematic_review",
    },
    "sun2017": {
        "authors": "Sun, J. M., Song, A. W., Case, L. E., Mikati, M. A., Gustafson, K. E., Simmons, R., et al.",
        "year": 2017,
        "title": (
            "Effect of autologous cord blood infusion on motor function and brain connectivity in young children "
            "with cerebral palsy: a randomized, placebo-controlled trial"
        ),
        "container": "Stem Cells Translational Medicine",
        "volume": "6",
        "issue": "12",
        "pages": "2071–2078",
        "doi": "10.1002/sctm.17-0102",
        "url": "https://doi.org/10.1002/sctm.17-0102",
        "evidence_type": "rct",
    },
    "nguyen2017": {
        "authors": "Nguyen, L. T., Nguyen, A. T., Vu, C. D., Ngo, D. V., Bui, A. V.",
        "year": 2017,
        "title": (
            "Outcomes of autologous bone marrow mononuclear cells for cerebral palsy: an open label uncontrolled "
            "clinical trial"
        ),
        "container": "BMC Pediatrics",
        "volume": "17",
        "issue": "",
        "pages": "104",
        "doi": "10.1186/s12887-017-0859-z",
        "url": "https://doi.org/10.1186/s12887-017-0859-z",
        "evidence_type": "uncontrolled_trial",
    },
    # Only the first author is confirmed.
    "jacobs2013": {
        "authors": "Jacobs, S. E., et al.",
        "year": 2013,
        "title": "Cooling for newborns with hypoxic ischaemic encephalopathy",
        "container": "Cochrane Database of Systematic Reviews",
        "volume": "2013",
        "issue": "1",
        "pages": "CD003311",
        "doi": "10.1002/14651858.CD003311.pub3",
        "url": "https://doi.org/10.1002/14651858.CD003311.pub3",
        "evidence_type": "systematic_review",
    },
    "mcintyre2022": {
        "authors": (
            "McIntyre, S., Goldsmith, S., Webb, A., Ehlinger, V., Hollung, S. J., McConnell, K., et al., "
            "on behalf of the Global CP Prevalence Group"
        ),
        "year": 2022,
        "title": "Global prevalence of cerebral palsy: a systematic analysis",
        "container": "Developmental Medicine & Child Neurology",
        "volume": "64",
        "issue": "12",
        "pages": "1494–1506",
        "doi": "10.1111/dmcn.15346",
        "url": "https://doi.org/10.1111/dmcn.15346",
        "evidence_type": "systematic_review",
    },
    "oskoui2013": {
        "authors": "Oskoui, M., Coutinho, F., Dykeman, J., Jetté, N., Pringsheim, T.",
        "year": 2013,
        "title": "An update on the prevalence of cerebral palsy: a systematic review and meta-analysis",
        "container": "Developmental Medicine & Child Neurology",
        "volume": "55",
        "issue": "6",
        "pages": "509–519",
        "doi": "10.1111/dmcn.12080",
        "url": "https://doi.org/10.1111/dmcn.12080",
        "evidence_type": "systematic_review",
    },
    "edwards2010": {
        "authors": (
            "Edwards, A. D., Brocklehurst, P., Gunn, A. J., Halliday, H., Juszczak, E., Levene, M., Strohm, B., "
            "Thoresen, M., Whitelaw, A., Azzopardi, D."
        ),
        "year": 2010,
        "title": (
            "Neurological outcomes at 18 months of age after moderate hypothermia for perinatal hypoxic ischaemic "
            "encephalopathy: synthesis and meta-analysis of trial data"
        ),
        "container": "BMJ",
        "volume": "340",
        "issue": "",
        "pages": "c363",
        "doi": "10.1136/bmj.c363",
        "url": "https://doi.org/10.1136/bmj.c363",
        "evidence_type": "systematic_review",
    },
    # Issue number not confirmed; the review's numeric results are not quoted anywhere on the site.
    "hoare2019": {
        "authors": "Hoare, B. J., Wallen, M. A., Thorley, M. N., Jackman, M. L., Carey, L. M., Imms, C.",
        "year": 2019,
        "title": "Constraint-induced movement therapy in children with unilateral cerebral palsy",
        "container": "Cochrane Database of Systematic Reviews",
        "volume": "2019",
        "issue": "",
        "pages": "CD004149",
        "doi": "10.1002/14651858.CD004149.pub3",
        "url": "https://doi.org/10.1002/14651858.CD004149.pub3",
        "evidence_type": "systematic_review",
    },
    # DOI not confirmed; the URL is the PEDro record where the citation was checked.
    "mclaughlin2002": {
        "authors": (
            "McLaughlin, J., Bjornson, K., Temkin, N., Steinbok, P., Wright, V., Reiner, A., Roberts, T., "
            "Drake, J., O'Donnell, M., Rosenbaum, P., Barber, T., Ferrel, A."
        ),
        "year": 2002,
        "title": "Selective dorsal rhizotomy: meta-analysis of three randomized controlled trials",
        "container": "Developmental Medicine & Child Neurology",
        "volume": "44",
        "issue": "1",
        "pages": "17–25",
        "doi": "",
        "url": "https://search.pedro.org.au/search-results/record-detail/4171",
        "evidence_type": "systematic_review",
    },
    "andersen2006": {
        "authors": "Andersen, J., Watt, J., Olson, J., Van Aerde, J.",
        "year": 2006,
        "title": "Perinatal brachial plexus palsy",
        "container": "Paediatrics & Child Health",
        "volume": "11",
        "issue": "2",
        "pages": "93–100",
        "doi": "10.1093/pch/11.2.93",
        "url": "https://doi.org/10.1093/pch/11.2.93",
        "evidence_type": "guideline",
    },
    # Volume and pages not confirmed.
    "novak2016": {
        "authors": "Novak, I., Walker, K., Hunt, R. W., Wallace, E. M., Fahey, M., Badawi, N.",
        "year": 2016,
        "title": (
            "Concise review: stem cell interventions for people with cerebral palsy: systematic review with "
            "meta-analysis"
        ),
        "container": "Stem Cells Translational Medicine",
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "10.5966/sctm.2015-0372",
        "url": "https://doi.org/10.5966/sctm.2015-0372",
        "evidence_type": "systematic_review",
    },
    # Volume, issue, pages and DOI not confirmed; the URL is the Duke record where the citation was checked.
    "sun2022": {
        "authors": (
            "Sun, J. M., Case, L. E., McLaughlin, C., Burgess, A., Skergan, N., Crane, S., Jasien, J. M., "
            "Mikati, M. A., Troy, J., Kurtzberg, J."
        ),
        "year": 2022,
        "title": (
            "Motor function and safety after allogeneic cord blood and cord tissue-derived mesenchymal stromal "
            "cells in cerebral palsy: an open-label, randomized trial"
        ),
        "container": "Developmental Medicine & Child Neurology",
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "url": "https://scholars.duke.edu/individual/pub1526177",
        "evidence_type": "rct",
    },
}


def _references(*keys):
    return [{"key": key, **copy.deepcopy(REFERENCE_LIBRARY[key])} for key in keys]


STEM_CELLS_BODY = """\
Many parents start reading about stem cells soon after their child is diagnosed with cerebral palsy (CP). \
Clinics and news stories can make the treatment sound close to a cure. The honest answer today is that no \
stem-cell or cord-blood treatment cures CP. Some studies show early signals worth following up, but the quality \
of the evidence varies a lot from one study to the next.

## A quick word about cerebral palsy

CP is not one single disease. It is a name doctors give to a lifelong pattern of movement and posture problems \
that comes from an injury to, or a difference in, the developing brain. Care for CP aims to help each child do \
as much as possible and to prevent later problems such as hip displacement [@graham2016].

Researchers have asked whether cells could help the injured brain repair itself. The trials below set out to \
test that idea.

## Which cells are being studied?

- **Bone marrow mononuclear cells (BMMCs).** A mix of cells taken from bone marrow. In the studies described \
here, the cells came from the patient's own bone marrow [@chahine2016].
- **Umbilical cord blood.** Blood collected from the umbilical cord at birth and stored in a cord-blood bank. \
Some trials used a child's own banked cord blood [@sun2017], and others used blood from a donor [@sun2022].

## How to read the evidence

Not all studies are equally strong. Here is a plain guide to the kinds of study you will see:

- **Case series:** doctors treat a group of patients and describe what happened. There is no comparison group.
- **Uncontrolled trial:** a planned study with a set protocol, but every child receives the treatment.
- **Randomized controlled trial (RCT):** children are assigned by chance to the treatment or to a comparison, \
such as a placebo. In a double-blind trial, neither the families nor the assessors know who got what. This is \
the fairest way to test whether a treatment works.
- **Systematic review or meta-analysis:** researchers gather the controlled trials on a question and combine \
their results.

Why does a comparison group matter so much? Children with CP keep growing, learning and receiving therapy. \
Many will gain skills over a year whatever else happens. Without a comparison group, nobody can tell how much of \
a change came from the cells.

## The 17-case report (a case series)

In a 2016 report, 17 patients in a row received their own BMMCs through an injection into the fluid around the \
spinal cord. The authors reported no complications from the injections. Of the 15 patients who could be \
assessed, 11 (73%) moved to a better level on the Gross Motor Function Classification System (GMFCS), by 1.3 \
levels on average. The authors also described some improvement in thinking skills [@chahine2016].

These results come from a case series with no control group, which is an early, low level of evidence. There is \
a second caution. The GMFCS was built to sort children into five levels of gross motor function, such as \
sitting and walking [@palisano1997]. It does not measure sensation, thinking or speech, and it was not designed \
to measure change after a treatment. A shift in GMFCS level is therefore hard to interpret.

## An open-label trial of bone marrow cells (uncontrolled)

A 2017 trial gave children whose CP was linked to a lack of oxygen two infusions of their own BMMCs, three \
months apart. Three and six months later, the children did better than before treatment on the GMFM-88 and \
GMFM-66 (scales made to track gross motor skills) and on a muscle-tone scale. No serious complications were \
reported. Twelve children had a fever and nine vomited, and these were managed with medicine [@nguyen2017].

Every child in this trial received the cells, and the trial was registered only after it had started. The gains \
may reflect normal development and ongoing therapy as much as the cells.

## A placebo-controlled trial of cord blood (RCT)

The strongest single study here is a double-blind RCT with 63 children aged 1 to 6. Each child was given, \
through a vein, either the cord blood stored for them at birth or a dummy infusion (placebo). A year later, \
each child received whichever one they had not yet had. The main question was \
whether motor function (measured on the GMFM-66) improved more after cord blood than after placebo over one \
year. Across the whole group, it did not [@sun2017].

There was a more hopeful detail. Children who received a higher dose, at least 2 × 10⁷ (20 million) cells per \
kilogram of body weight, made more progress than would be predicted from their age and how severe their CP \
was. Their brain scans also showed \
changes in how brain regions connect. The authors concluded that giving an adequate dose matters [@sun2017]. \
Because this was not the trial's main question, it needs to be confirmed.

A later trial by the same group randomly assigned 91 children aged 2 to 5 to donor cord blood, to a different \
type of cell from cord tissue, or to a waiting group. Children coped well with the infusions. In an extra, \
exploratory look at the results that was not planned as the main test, the donor cord-blood group was about 3 \
GMFM-66 points ahead of the waiting group after 12 months. The authors said the next step should be a blinded, \
placebo-controlled trial [@sun2022].

## What happens when the trials are combined?

A 2016 meta-analysis brought together 5 controlled trials, with 328 people in total, that tested four kinds \
of cells. Participants were followed for only about six months. Taken together, treated participants improved \
slightly \
more in large-movement skills over that short time, and cord blood looked the most promising of the four. \
Serious side effects were uncommon, and no more frequent than in the comparison groups. Because the trials were \
very different from each other, the authors asked for more well-designed RCTs [@novak2016].

A 2020 review that rates the evidence for many CP treatments listed umbilical cord blood cell therapy among the \
treatments with evidence of benefit [@novak2020]. That rating concerns cord blood. The bone marrow studies \
described above had no control group.

## What this means for your family

- **There is no cure yet.** Cell therapies for CP are still being studied, and the researchers themselves call \
for larger and better trials.
- **Be careful with clinics that sell stem cells.** Some clinics charge large fees for treatments that have not \
been proven. Ask whether a treatment is part of a registered clinical trial, who oversees it, what the risks are, \
and whether you are being asked to pay.
- **Proven therapies exist today.** Many therapies have much stronger evidence. See our guide to \
[established therapies for cerebral palsy](/articles/established-therapies-for-cerebral-palsy/).
- **Talk to your child's doctors.** They know your child and can tell you whether a trial might be suitable \
and safe.
"""

GMFCS_BODY = """\
If your child has cerebral palsy (CP), you may have heard a doctor or therapist mention a "GMFCS level". It is \
one of the most common ways professionals describe how a child with CP moves. This article explains the five \
levels in plain words, and what the system does and does not tell you.

## What the GMFCS is

GMFCS stands for Gross Motor Function Classification System. "Gross motor" means large movements such as \
sitting, standing, walking and getting around. The system places a child in one of five levels, from level I \
(the most independent movement) to level V (the most help needed).

Researchers introduced it in 1997 for children with CP aged 12 and under. They kept reworking the level \
descriptions until 48 experienced therapists and doctors who specialize in child development were satisfied \
with them. When different \
professionals rated the same children, they agreed moderately well for children under 2 and well for children \
aged 2 to 12 [@palisano1997].

An expanded and revised version followed in 2008. It added descriptions for young people aged 12 to 18 and \
updated the ones for ages 6 to 12. Thirty professionals from seven countries reached strong agreement on the \
wording [@palisano2008].

Doctors are encouraged to describe each child's CP in several ways, and the level of motor function is one \
of them [@rosenbaum2007].

## The five levels at a glance (ages 6 to 12)

The descriptions change with age, because what is expected of a toddler is different from what is expected of \
a teenager. The table below sums up the 6-to-12 age band in our own words [@palisano2008].

| Level | What it usually looks like (ages 6-12) | Mobility aids often used |
|---|---|---|
| I | Walks at home, at school, outdoors and in the community. Climbs stairs without holding a rail. Can run and jump, though speed, balance and coordination may be limited. | Usually none. |
| II | Walks in most places, but long distances, uneven ground, slopes and crowds are harder. Usually holds a rail on stairs. Running and jumping are very limited. | Usually none indoors; sometimes a hand-held device, or a wheelchair for long trips. |
| III | Walks indoors using a hand-held mobility device. May climb stairs holding a rail, with supervision or help. | A walker or crutches; a wheelchair for longer distances. |
| IV | Needs physical help or a powered chair to get around in most places. May walk short distances at home with help or with a walker that supports the body. | A body-support walker; a wheelchair pushed by an adult, or a powered wheelchair. |
| V | Is moved by others in a manual wheelchair in all settings. Has limited control of head, trunk, arms and legs. | A manual wheelchair with special seating; some children can learn to drive a specially adapted powered chair. |

## What a level tells you

A GMFCS level gives families and professionals a shared, quick way to talk about movement. It can help with \
planning: which equipment may be useful and what support a school might need.

The 2008 revision stressed two ideas that are worth knowing [@palisano2008]:

- **What a child usually does matters more than what they can do on their best day.** A level describes \
everyday movement at home, at school and out in the community.
- **Surroundings and personal factors affect how a child gets around.** A child may walk at home but use a \
wheelchair at a busy shopping mall. The level descriptions take this into account.

## What a level does not tell you

It is just as important to know the limits of the GMFCS:

- **It is only about gross motor function.** It says nothing about hand use, speech, eyesight, hearing, \
learning or how a child feels [@palisano1997].
- **It is not a measure of intelligence or of a child's worth.** A child at level V may be a quick learner and a \
great communicator.
- **It is a classification, not a test score.** It was designed to sort children into groups, not to measure \
small changes over time. Tools such as the Gross Motor Function Measure (GMFM) are used to measure change.
- **It does not tell you what caused the CP.** Doctors describe the cause separately [@rosenbaum2007].

### A note on research that reports "GMFCS improvement"

Some reports of new treatments, including stem-cell studies, say that children moved up a GMFCS level. Because \
the system was built to classify, not to measure change, such claims need careful reading. Our article on \
[stem-cell and cord-blood trials](/articles/stem-cell-trials-for-cerebral-palsy/) explains why.

## Questions you might ask your child's team

- Which GMFCS level do you think fits my child right now, and why?
- What equipment or support could help at home and at school?
- Which therapies are most likely to help my child reach our goals?
- How will you measure progress over the next year?

The people who know your child best, including you, are the right ones to turn a level into a practical plan.
"""

TYPES_BODY = """\
When a child is diagnosed with cerebral palsy (CP), parents often hear words like "spastic", "diplegia" or \
"hemiplegia". These words describe the kind of movement problem and which parts of the body it affects. This \
article explains the terms and looks at how common CP is.

## What cerebral palsy means

CP is a group of lifelong conditions that affect movement and posture and limit everyday activities. It comes \
from a disturbance in the developing brain, before birth or in early infancy. That brain disturbance does not \
progress, although muscle and bone problems can develop as a child grows [@rosenbaum2007].

CP is a description of what doctors see, not a single disease with a single cause [@graham2016]. Two children \
with CP can look very different.

An international group of experts recommends describing each child's CP using four things [@rosenbaum2007]:

1. the type of movement problem and how much it affects daily function;
2. any other conditions that come with it;
3. which parts of the body are affected, and what brain scans show;
4. the likely cause and when it happened.

## The main types of CP

Doctors group CP by the main kind of movement problem.

### Spastic CP

Spastic CP is the most common type [@graham2016]. Some muscles are stiff and tight, which can make movements \
slow and effortful. Tight muscles can pull on joints over time, which is one reason regular checks of the hips \
and spine are part of care.

### Dyskinetic CP

In dyskinetic CP, a child has movements they do not mean to make. Muscle tone can change from moment to \
moment. Some children have twisting movements or hold their body in unusual positions (often called dystonia). \
Others have slower, writhing movements or quick, jerky ones.

### Ataxic CP

Ataxic CP mainly affects balance and coordination. A child may seem unsteady when walking, and precise \
movements, such as picking up small objects, can be shaky.

### Mixed CP

Many children have features of more than one type, for example stiffness together with involuntary movements. \
Doctors may call this mixed CP, or describe the main type and note the others.

## Which parts of the body are affected

You may also hear terms that describe where in the body CP shows up:

- **Unilateral (hemiplegia):** one side of the body, arm and leg, is affected.
- **Bilateral:** both sides are affected. **Diplegia** usually means the legs are affected much more than the \
arms. **Quadriplegia** means all four limbs, and often the trunk, are affected.

These terms describe a pattern. They do not, on their own, tell you how much help a child needs. For that, \
doctors use tools such as the GMFCS, explained in our guide to [GMFCS levels I to \
V](/articles/gmfcs-levels-explained/).

## Conditions that often come with CP

CP affects more than movement for many children. It often comes with epilepsy, problems with sensation and \
perception, and difficulties with thinking, communication or behavior. Muscle and bone problems can also \
develop later [@rosenbaum2007]. Hip displacement and a curved spine (scoliosis) are two examples that care \
teams try to prevent [@graham2016].

Not every child has these. Knowing about them helps you ask the right questions and get support early.

## How common is cerebral palsy?

CP is one of the most common causes of lifelong physical disability that starts in childhood [@graham2016]. \
Exact figures depend on where and when children were born.

- A major review estimated that CP affects roughly 1 in 500 newborns, and about 17 million people worldwide \
[@graham2016].
- A 2013 review brought together 49 studies that counted CP across whole populations, covering children born \
in 1985 or later. Overall, there were about 2.1 cases for every 1,000 live births. CP was much more common in \
babies born before 28 weeks of pregnancy, and in babies who weighed between 1,000 and 1,499 grams at birth \
[@oskoui2013].
- The same review found little change in the overall rate over time, despite more very premature babies \
surviving [@oskoui2013].
- A 2022 analysis drew on CP registers and studies from 41 regions in 27 countries. Across most of the European \
and Australian regions, fewer babies were developing CP that started before or around birth. For wealthier \
countries, the latest estimate is about 1.6 per 1,000 live births [@mcintyre2022].
- There is less information from lower-income countries, but what there is suggests CP is noticeably more \
common there: as high as about 3.4 per 1,000 for CP that started before or around birth [@mcintyre2022].

## Can CP be prevented?

Some risks can now be lowered. Giving magnesium sulfate to mothers in premature labor, and cooling \
newborns at risk of brain injury after a lack of oxygen, are two measures linked to lower CP risk \
[@graham2016]. Our article on [birth injuries that can cause cerebral \
palsy](/articles/birth-injuries-and-cerebral-palsy/) explains cooling in more detail.

## What this means for you

A label such as "spastic diplegia" is a starting point, not a full picture of your child. Ask your child's \
doctor which type and pattern they see, what other conditions to watch for, and which specialists should be \
part of your child's team.
"""

DIAGNOSIS_BODY = """\
For a long time, parents were told to "wait and see" and many children were not diagnosed with cerebral palsy \
(CP) until somewhere between 12 and 24 months of age. That is changing. A large international review showed that \
CP can now often be diagnosed, or a baby can be identified as being at "high risk of CP", before 6 months of \
corrected age [@novak2017].

This article explains what that means, which tests doctors use, and what you can do if you are worried.

## Why an early diagnosis matters

The first months of life are a time of fast brain development. The review's authors urge that babies with a \
diagnosis, or a high risk of CP, be referred quickly to early intervention designed for CP, rather than waiting \
for a final answer [@novak2017]. Early referral also gives families support and information sooner.

## What "corrected age" means

If your baby was born early, doctors use corrected age: your baby's age counted from the date they were due, \
not from the day they were born. A baby born two months early who is now four months old has a corrected age \
of two months.

## Who is at higher risk?

Any baby can develop CP, but some groups are at higher risk. Babies born very early or very small have much \
higher rates of CP than babies born at full term [@oskoui2013]. Babies who had a brain injury around birth, for \
example from a lack of oxygen, are another group that doctors watch closely. CP comes from a disturbance in the \
developing brain, which can happen before birth, around birth or in early infancy [@rosenbaum2007].

## Signs parents may notice

Every baby develops at their own pace, and many babies with the signs below do not have CP. Still, tell your \
child's doctor if you notice things such as:

- muscles that feel unusually stiff or unusually floppy;
- using one hand much more than the other at a young age, or one side of the body moving differently;
- being slower than expected with head control, rolling or sitting;
- movements that look stiff, jerky, or very limited in variety;
- trouble with feeding or swallowing.

You know your baby well. If something feels wrong, it is reasonable to ask for a check, and to ask again if \
your worry does not go away.

## The tests doctors use

No single test diagnoses CP. Doctors combine your baby's medical history with a brain scan and standard \
checks of movement and the nervous system [@novak2017]. Three tools stand out in the review.

### Brain MRI

An MRI scan takes detailed pictures of the brain without radiation. It can show areas of injury or differences \
in how the brain developed.

### General Movements Assessment

In the General Movements Assessment (GMA), a specially trained assessor watches a short video of your baby \
lying awake and moving freely. The quality of a young baby's spontaneous movements gives clues about how the \
brain is working. It does not hurt and the baby does not need to do anything special.

### Hammersmith Infant Neurological Examination

The Hammersmith Infant Neurological Examination (HINE) is a standard, hands-on check. A trained clinician \
looks at things such as posture, muscle tone, reflexes and movements, and gives a score.

### How well do these tests work?

Before 5 months of corrected age, the review found these three were the most useful for predicting CP. In the \
studies it gathered, they picked up most babies who went on to have CP: about 98% for the General Movements \
Assessment, about 90% for the HINE, and about 86 to 89% for MRI at term age. For babies older than 5 months, MRI \
and the HINE gave the best predictions [@novak2017].

## What "high risk of CP" means

Sometimes doctors are fairly sure but not certain. In that case, the review recommends an interim diagnosis of \
"high risk of CP", so that therapy can start while the picture becomes clearer [@novak2017]. It is not a final \
label. It means your baby should get the right support now.

## What you can do

- **Share your concerns early.** Write down what you notice, with dates, and bring short videos of your baby's \
movements to appointments.
- **Ask about the tests.** You can ask whether an MRI, a General Movements Assessment or a HINE would help.
- **Ask for a referral.** If your baby is at high risk, ask about early intervention services designed for CP.
- **Keep your records.** Ask for copies of reports and scan results, and keep notes of what you are told.
- **Ask what the findings mean.** A doctor can explain the type of CP, if any, and what it may mean for your \
child. Our guide to [types of cerebral palsy](/articles/types-of-cerebral-palsy/) can help you follow the \
conversation.

An early diagnosis can feel overwhelming. It also opens the door to therapy, support and other families who \
have been where you are now.
"""

THERAPIES_BODY = """\
There is no cure for cerebral palsy (CP), but that does not mean nothing can be done. Many therapies help \
children move, play, learn and take part in daily life. Some have much better evidence behind them than others. \
This article describes therapies that research supports, in plain words.

## The goal of treatment

Care for CP aims to help each child do as much as they can, take part in family and school life, and prevent \
later problems such as hip displacement and a curved spine [@graham2016]. Good care is usually planned around \
goals that matter to the child and family.

## How researchers rate the evidence

In 2020, a team of researchers published a review of the evidence for dozens of ways to prevent and treat CP. \
They graded each one and used a "traffic light" system: green for treatments that work, yellow for ones that \
might, and red for ones that do not [@novak2020]. The sections below draw on the treatments it judged effective.

## Therapy-based approaches

Many of the best-supported options are active therapies, where the child practices real tasks:

- **Constraint-induced movement therapy (CIMT).** For children with one weaker arm (see below).
- **Bimanual training.** Practicing tasks that need both hands together, such as opening a container.
- **Goal-directed training.** The child and family choose specific goals, such as riding a tricycle or \
dressing, and therapy practices those tasks.
- **Casting.** A series of casts gently stretches a tight muscle over time.
- **Treadmill training.** Repeated walking practice on a treadmill.

The review judged each of these effective [@novak2020].

### A closer look at CIMT

CIMT is used for children whose CP mainly affects one side of the body. For a period of time, the child wears \
a mitt, splint or sling on the stronger arm, so that the weaker arm gets lots of focused practice.

A Cochrane review gathered controlled trials of CIMT in children and young people aged 19 or under with this \
type of CP. The trials set CIMT against different versions of itself, and against other arm therapy given in \
smaller, larger or equal amounts. The review focused on how well children used both hands together, what the weaker hand could do, and everyday \
hand skills [@hoare2019]. Your child's therapist can explain how its findings apply to your child.

## Medical and surgical treatments

### Botulinum toxin injections

Botulinum toxin is injected into tight muscles to relax them for a period of time. The review judged it \
effective used alone, and also used together with casting or occupational therapy [@novak2020]. Injections are \
usually paired with therapy to make the most of the looser muscles.

### Intrathecal baclofen

Baclofen is a medicine that reduces muscle stiffness. In this treatment, a small pump placed under the skin \
delivers it directly into the fluid around the spinal cord. The review rated it effective [@novak2020].

### Selective dorsal rhizotomy (SDR)

SDR is an operation on the lower spine. The surgeon cuts some of the nerve rootlets that carry signals from \
the muscles to the spinal cord, to reduce stiffness in the legs. The review rated it effective [@novak2020].

An earlier analysis combined three randomized trials with 90 children who had spastic CP mainly affecting the \
legs (diplegia). Most were younger than 8, and most were classified at GMFCS level II or III. Children who \
had SDR plus physical therapy were compared with children who had physical therapy alone. After 9 to 12 months, the \
SDR group had less stiffness and had improved slightly more in gross motor function, by about 4 points on the \
Gross Motor Function Measure. The more nerve tissue that was cut, the more function children tended to gain \
[@mclaughlin2002].

SDR is major surgery and suits only some children. A specialist team decides whether a child is a good \
candidate.

### Hip surveillance

Children with CP can develop hip displacement, where the hip gradually moves out of its socket \
[@graham2016]. Hip surveillance means regular checks, often including X-rays, so that problems are found and \
treated early. The review rated it effective [@novak2020]. Ask your child's team how often the hips should be \
checked.

## What about newer treatments?

The same review also rated umbilical cord blood cell therapy as showing benefit [@novak2020]. Cell therapies \
are still being tested in trials and are not a cure. Our article on [stem-cell and cord-blood \
trials](/articles/stem-cell-trials-for-cerebral-palsy/) explains what those studies found.

## Choosing therapies with your child's team

"Effective" in a research review means a treatment helped on average in good-quality studies. It does not \
guarantee that it will suit every child. When you discuss options, it can help to ask:

- What goal is this therapy meant to help with?
- How strong is the evidence for children like mine?
- How much time and practice does it need at home?
- What are the risks or side effects?
- How will we know if it is working, and when will we review it?

A team that listens to your goals and explains its reasons is one of the best resources your child can have.
"""

BIRTH_INJURIES_BODY = """\
Parents of a child with cerebral palsy (CP) often ask the same question: could this have been prevented? \
Sometimes the answer is no. Sometimes an injury around the time of birth played a part. This article explains \
the birth injuries most often discussed, how one of them is treated, and when it may make sense to speak with a \
lawyer.

This is general information, not medical or legal advice.

## CP has many possible causes

CP comes from a disturbance in the developing brain. That can happen before birth, around birth, or in early \
infancy [@rosenbaum2007]. CP is a description of what doctors see rather than a single disease, and it has \
many possible causes [@graham2016]. So a diagnosis of CP does not, by itself, mean that anyone made a mistake. \
Doctors are encouraged to record the likely cause and timing for each child [@rosenbaum2007], and those details \
can matter a great deal to a family.

## Hypoxic-ischemic encephalopathy (HIE)

HIE is a brain injury caused by a lack of oxygen and blood flow to a baby's brain around the time of birth. \
"Encephalopathy" means the brain is not working normally. A baby with HIE may need help to breathe and close \
care in a neonatal intensive care unit. Some babies with HIE go on to develop CP.

### Cooling treatment

For many babies with HIE, doctors now use therapeutic hypothermia, usually called cooling. The baby's body \
temperature is lowered to a moderate degree and kept there; in the trials, cooling lasted 72 \
hours [@edwards2010].

Cooling has been tested in randomized trials:

- A 2010 analysis brought together three trials with 767 babies in total. At 18 months, fewer cooled babies \
had died or were severely disabled: for roughly every 9 babies cooled, one death or severe disability was \
avoided. More cooled babies survived with normal brain function. And among the babies who survived, severe \
disability and CP were both less common after cooling [@edwards2010].
- A Cochrane review of randomized trials in full-term and slightly premature babies with HIE also supports \
cooling [@jacobs2013].
- A 2020 review of ways to prevent and treat CP rated cooling of newborns as an effective prevention measure \
[@novak2020].

If your baby had HIE, it is reasonable to ask whether cooling was considered, and to ask for the records of \
the decision.

## Erb's palsy is not cerebral palsy

Erb's palsy is sometimes confused with CP because both names include "palsy". They are different conditions.

The brachial plexus is a bundle of nerves running from the neck through the shoulder that control the arm. \
If these nerves are hurt around birth, the baby has a weak or floppy arm. When mainly the upper nerves are \
affected, doctors usually call it Erb's palsy. It is damage to nerves outside the brain, so it is **not** a \
form of CP [@andersen2006].

A review of this injury reported that [@andersen2006]:

- somewhere between about 0.4 and 5 of every 1,000 babies born alive have it;
- studies have connected it with shoulder dystocia (when a baby's shoulder gets stuck during delivery), large \
babies, diabetes in the mother, and deliveries using forceps or vacuum;
- even so, it is often hard to predict, and some cases may begin before delivery;
- some weakness stays for good in about 20 to 30% of children. That is much higher than the old idea that \
over 90% make a full recovery.

Children with a brachial plexus injury need follow-up by specialists who can check how the arm is recovering.

## When a family might talk to a lawyer

Most medical care is careful and skilled. Still, some birth injuries happen when warning signs are missed or \
treatment is delayed. Families sometimes choose to speak with a lawyer when:

- their baby needed resuscitation at birth, was diagnosed with HIE, or was transferred to intensive care;
- there were problems during labor or delivery, such as a long labor, concerns about the baby's heart rate, \
a stuck shoulder, or a difficult assisted delivery;
- they were never given a clear explanation of what happened;
- their child has since been diagnosed with CP or a brachial plexus injury.

A lawyer who handles birth-injury cases will usually start by collecting the medical records of the mother and \
the baby, and may ask independent medical experts to review them. That review can help a family understand \
whether the care met accepted standards, whether it may have caused harm, or whether the injury could not have \
been prevented.

### Time limits matter

Every state sets its own deadlines for bringing a legal claim, and the rules can differ for injuries to \
children. Some deadlines are short. If you have questions, it is wise to ask sooner rather than later, so that \
you do not lose options you did not know you had.

### Things you can do now

- Ask the hospital for copies of your and your baby's medical records.
- Write down what you remember about labor, delivery and the first days, with dates and names if you can.
- Keep letters, discharge papers and test results in one place.

Speaking with a lawyer does not commit you to anything. You can use our [case-review request \
form](/case-review/) to ask the firm to look at your situation. Sending the form does not make you a client.

## Your child's care comes first

Whatever you decide, your child's health and therapy come first. Our articles on [early signs and \
diagnosis](/articles/early-signs-and-diagnosis-of-cerebral-palsy/) and [established \
therapies](/articles/established-therapies-for-cerebral-palsy/) may help you plan the next steps with your \
child's doctors.
"""

ARTICLES = [
    {
        "slug": "stem-cell-trials-for-cerebral-palsy",
        "title": "Stem cells and cord blood for cerebral palsy: what the trials show",
        "summary": (
            "No stem-cell treatment cures cerebral palsy. Here is what the bone marrow and cord-blood studies "
            "found, and how strong each kind of evidence is."
        ),
        "topic": "treatment-and-research",
        "author": "editorial-team",
        "medical_reviewer": "medical-reviewer",
        "published": datetime.date(2025, 3, 10),
        "reviewed": datetime.date(2026, 9, 15),
        "updated": datetime.date(2026, 9, 15),
        "seo_title": "Stem cells and cord blood for cerebral palsy: the evidence",
        "meta_description": (
            "What bone marrow cell and cord-blood trials for cerebral palsy found, which kind of study each is, "
            "and why there is no cure yet."
        ),
        "body": STEM_CELLS_BODY,
        "references": _references(
            "graham2016", "chahine2016", "sun2017", "sun2022", "palisano1997", "nguyen2017", "novak2016", "novak2020"
        ),
    },
    {
        "slug": "gmfcs-levels-explained",
        "title": "GMFCS levels I to V: what they mean for your child",
        "summary": (
            "The Gross Motor Function Classification System sorts how children with cerebral palsy get around "
            "into five levels. Here is what each level looks like, and what a level cannot tell you."
        ),
        "topic": "understanding-cerebral-palsy",
        "author": "editorial-team",
        "medical_reviewer": "medical-reviewer",
        "published": datetime.date(2025, 4, 14),
        "reviewed": datetime.date(2026, 8, 20),
        "updated": None,
        "seo_title": "GMFCS levels I to V explained for parents",
        "meta_description": (
            "A plain-language table of the five GMFCS levels for children aged 6 to 12, with the mobility aids "
            "often used and what a level does not measure."
        ),
        "body": GMFCS_BODY,
        "references": _references("palisano1997", "palisano2008", "rosenbaum2007"),
    },
    {
        "slug": "types-of-cerebral-palsy",
        "title": "Types of cerebral palsy, and how common it is",
        "summary": (
            "Spastic, dyskinetic, ataxic and mixed cerebral palsy explained in plain words, with the terms for "
            "which parts of the body are affected and what studies say about how common CP is."
        ),
        "topic": "understanding-cerebral-palsy",
        "author": "editorial-team",
        "medical_reviewer": "medical-reviewer",
        "published": datetime.date(2025, 5, 19),
        "reviewed": datetime.date(2026, 7, 6),
        "updated": datetime.date(2026, 7, 6),
        "seo_title": "Types of cerebral palsy and how common it is",
        "meta_description": (
            "Spastic, dyskinetic, ataxic and mixed cerebral palsy, what hemiplegia and diplegia mean, and how "
            "many children have CP."
        ),
        "body": TYPES_BODY,
        "references": _references("rosenbaum2007", "graham2016", "oskoui2013", "mcintyre2022"),
    },
    {
        "slug": "early-signs-and-diagnosis-of-cerebral-palsy",
        "title": "Early signs of cerebral palsy and how it is diagnosed",
        "summary": (
            "Cerebral palsy can often be diagnosed, or flagged as high risk, before 6 months of corrected age. "
            "Learn the signs to mention to a doctor and the tests that are used."
        ),
        "topic": "diagnosis-and-early-signs",
        "author": "editorial-team",
        "medical_reviewer": "medical-reviewer",
        "published": datetime.date(2025, 6, 23),
        "reviewed": datetime.date(2026, 6, 1),
        "updated": None,
        "seo_title": "Early signs of cerebral palsy and how it is diagnosed",
        "meta_description": (
            "Signs to tell your baby's doctor about, and how MRI, the General Movements Assessment and the HINE "
            "help diagnose cerebral palsy early."
        ),
        "body": DIAGNOSIS_BODY,
        "references": _references("novak2017", "oskoui2013", "rosenbaum2007"),
    },
    {
        "slug": "established-therapies-for-cerebral-palsy",
        "title": "Established therapies for cerebral palsy",
        "summary": (
            "Constraint-induced movement therapy, botulinum toxin, selective dorsal rhizotomy, hip surveillance "
            "and other treatments with good evidence, explained for parents."
        ),
        "topic": "treatment-and-research",
        "author": "editorial-team",
        "medical_reviewer": "medical-reviewer",
        "published": datetime.date(2025, 9, 8),
        "reviewed": datetime.date(2026, 10, 12),
        "updated": datetime.date(2026, 10, 12),
        "seo_title": "Established therapies for cerebral palsy: what the evidence says",
        "meta_description": (
            "Therapies for cerebral palsy with good evidence behind them, from CIMT and goal-directed training "
            "to botulinum toxin, SDR and hip checks."
        ),
        "body": THERAPIES_BODY,
        "references": _references("graham2016", "novak2020", "hoare2019", "mclaughlin2002"),
    },
    {
        "slug": "birth-injuries-and-cerebral-palsy",
        "title": "Birth injuries that can cause cerebral palsy, and when to talk to a lawyer",
        "summary": (
            "How a lack of oxygen around birth can lead to cerebral palsy, how cooling helps, why Erb's palsy is "
            "a different condition, and when families might seek legal advice."
        ),
        "topic": "birth-injuries-and-legal-help",
        "author": "editorial-team",
        "medical_reviewer": "medical-reviewer",
        "published": datetime.date(2025, 11, 3),
        "reviewed": datetime.date(2026, 5, 11),
        "updated": datetime.date(2026, 11, 2),
        "seo_title": "Birth injuries that can cause cerebral palsy",
        "meta_description": (
            "HIE and cooling treatment, why Erb's palsy is not cerebral palsy, and when a family might talk to a "
            "birth-injury lawyer."
        ),
        "body": BIRTH_INJURIES_BODY,
        "references": _references(
            "rosenbaum2007", "graham2016", "edwards2010", "jacobs2013", "novak2020", "andersen2006"
        ),
    },
]
