/**
 * Forename rules: a curated table of UK forename nicknames and short forms, initials, and
 * swapped forename/surname. Names are compared after `normaliseName` (lower case, no
 * accents or punctuation).
 *
 * The table is our own, written for Joinery from general knowledge of English, Scottish,
 * Welsh and Irish usage and of names common among British South Asian, West African,
 * Polish and other communities. It is deliberately kept apart from the Wessex scenario's
 * generator (packages/scenario), so that accuracy measured on Wessex data is not circular.
 * It is kept tight: a short form joins a group only when people really use it for that
 * name, and cognates that are names in their own right (Ian, Sean and Evan for John;
 * Seamus and Hamish for James) are left out, because a loose table makes the nickname
 * level agree on different people and so weakens the weight it earns.
 */

// One formal name per line, then its short forms and spelling variants. A form may appear
// under several formal names (alex: alexander, alexandra); two names are nicknames of each
// other when they share a formal name.
const TABLE = `
abigail: abby abbie abi
adelaide: addie ada
adrian: ade
agnes: aggie nessie nessa
albert: al bert bertie
alan: al allan allen
alastair: alistair alasdair ali ally
alexander: alex alec alick alexandr aleksander sandy sasha xander lex
alexandra: alex alexa lexi lexie sandy sasha zandra aleksandra ola
alfred: alf alfie fred freddie
alison: ali ally allie allison
amanda: mandy manda
amelia: millie milly
andrew: andy drew
angela: angie ange
anna: annie ania anya
anne: ann annie nan nannie
anthony: tony ant antony
antonia: toni
archibald: archie archy
arthur: art artie
augustus: gus gussie
barbara: barb babs barbie basia
bartholomew: bart barty
beatrice: bea bee trixie beattie
benedict: ben benny
benjamin: ben benny benji benjy
bernard: bernie barney
bertram: bert bertie
bridget: biddy bridie bridgette
camilla: milly cammie
cassandra: cass cassie
catherine: cathy cath kath kate katie kathy kay kit kitty cate katy catharine
cecilia: cissy cissie cece
charles: charlie chas chaz chuck chick
charlotte: charlie lottie lotte lotty
christian: chris
christina: chris chrissie tina
christine: chris chrissie tina
christopher: chris kit chrissy topher
clement: clem
clifford: cliff
constance: connie
cornelius: con
cynthia: cindy
daniel: dan danny
danielle: dani
david: dave davy davie dai dafydd
deborah: debbie debs deb debra
dennis: den denny denis
diana: di
dominic: dom dominick
donald: don donny
dorothy: dot dottie dolly dora
douglas: doug dougie
edith: edie
edmund: ed eddie ted ned
edward: ed eddie eddy ted teddy ned
edwin: ed eddie
eleanor: ellie elle nell nellie elinor
elizabeth: liz lizzie lizzy beth betty bess bessie betsy eliza libby elsie elspeth
ellen: nell nellie
emily: em emmy millie milly
emma: em emmie
ernest: ernie
esther: essie hetty
eugene: gene
evelyn: eve evie
felicity: flick fliss
fiona: fi
florence: flo florrie flossie
frances: fran fanny frankie
francis: frank frankie fran
frederick: fred freddie freddy frederic
gabriel: gabe
gabrielle: gabby gabi
geoffrey: geoff jeff jeffrey jeffery
george: georgie geordie
georgina: georgie gina
gerald: gerry jerry ged
gerard: gerry ged
gertrude: gertie trudy
gillian: gill gilly jill
gregory: greg
gwendolen: gwen gwendoline gwendolyn
gwyneth: gwen
hannah: han
harold: harry hal
harriet: hattie hetty
helen: nell nellie
henry: harry hal hank
herbert: herb bert bertie
hugh: hughie
imogen: immy
isabel: izzy issy bella belle isobel isabelle
isabella: izzy issy bella belle
jacob: jake
jacqueline: jackie jacqui jacky
james: jim jimmy jimmie jamie jem
jane: jenny janey jan
janet: jan netty
jasmine: jaz jazz
jennifer: jen jenny jenna jennie
jeremy: jerry jez
jessica: jess jessie
joan: joanie
joanna: jo jojo
joanne: jo
john: jack johnny jon jonny jno
jonathan: jon jonny johnny jonty
joseph: joe joey jos
josephine: jo josie jojo
joshua: josh
judith: judy jude
julia: jules julie
julian: jules
katherine: kathy kath cath kate katie kay kit kitty kathryn katy catherine
kathleen: kath kathy kay
kenneth: ken kenny
kimberley: kim kimberly
laurence: larry laurie lol lawrence
leonard: len lenny
lillian: lil lily lilly
louisa: lou
louise: lou lulu
lucinda: lucy cindy
madeleine: maddie maddy madeline
malcolm: mal
margaret: maggie mags meg peggy peg marge margie madge
marjorie: marge margie
martin: marty
mary: molly polly mae mamie
matilda: tilly tilda mattie
matthew: matt matty
maureen: mo
maurice: mo maurie
melanie: mel
melissa: mel missy
michael: mike mick micky mickey mikey
mildred: millie
montgomery: monty
natalie: nat nattie
natasha: tash tasha
nathan: nat nate
nathaniel: nat nate
nicholas: nick nicky nico nicolas
nicola: nicky nikki nic
norman: norm
oliver: ollie olly
olivia: liv livvy ollie
oswald: ozzie oz
pamela: pam
patricia: pat patty patsy tricia trish
patrick: pat paddy padraig
penelope: penny pen
percival: percy
peter: pete
philip: phil pip phillip
philippa: pippa pip
priscilla: cilla prissy
rachel: rach
raymond: ray
rebecca: becky becca bex
reginald: reg reggie
richard: rich rick ricky dick richie
robert: rob bob bobby robbie
roberta: bobbie robbie
roderick: rod roddy
rodney: rod
roger: rog
ronald: ron ronnie
rosalind: ros roz
rosemary: rosie
russell: russ
samantha: sam sammy
samuel: sam sammy
sarah: sally sadie sal sara
sebastian: seb
sidney: sid sydney syd
sophia: sophie
stanley: stan
stephanie: steph
stephen: steve stevie steven
stuart: stu stewart
susan: sue susie suzy
susannah: sue susie sukie susanna
tabitha: tabby
terence: terry tel
theodore: theo ted teddy
theresa: tess tessa terri teresa
thomas: tom tommy
timothy: tim timmy
tobias: toby
valerie: val
vanessa: ness nessa
veronica: ronnie vron
victoria: vicky vicki tori
vincent: vince vinny
virginia: ginny
walter: walt wally
wilfred: wilf fred
william: bill billy will willie willy wills liam
winifred: winnie win
zachary: zach zack zak
mohammed: mo mohd md muhammad muhammed mohamed mohammad mohamad
ahmed: ahmad
aisha: ayesha aysha aishah
fatima: fatimah fatma
rajesh: raj
rajinder: raj
rajendra: raj
rajkumar: raj
devinder: dev
devendra: dev
krishna: krish
krishnan: krish
ravinder: ravi
ravindra: ravi
sanjay: sanj
sukhwinder: sukhi
sukhdev: sukhi
siobhan: shiv
bronwen: bron
rhiannon: rhi
llewelyn: llew
fergus: fergie
oluwaseun: seun
olufemi: femi
oluwafemi: femi
oluwatobi: tobi
oluwatoyin: toyin
oluwakemi: kemi
oluwabunmi: bunmi
adebayo: bayo
adewale: wale
ayodele: ayo
chukwuemeka: emeka
katarzyna: kasia
malgorzata: gosia
magdalena: magda
agnieszka: aga
wojciech: wojtek
zbigniew: zbyszek
krzysztof: krzys
tomasz: tomek
jakub: kuba
piotr: piotrek
grzegorz: grzes
elzbieta: ela
stanislaw: staszek stas
francisco: paco
jose: pepe
giuseppe: beppe peppe
giovanni: gianni
konstantinos: kostas costas
dmitri: dima
vladimir: vova volodya
ekaterina: katya
mikhail: misha
`;

/** Each name → the formal names it may stand for; a formal name comes first in its own list. */
const CANONICAL = new Map<string, string[]>();
/** Each name → the ids of its formal names, sorted, for the pair test. */
const GROUPS = new Map<string, Int32Array>();

{
  const lines = TABLE.trim().split('\n');
  const formalNames = lines.map((line) => line.slice(0, line.indexOf(':')));
  const groups = new Map<string, number[]>();
  lines.forEach((line, id) => {
    const formal = formalNames[id]!;
    for (const name of [
      formal,
      ...line
        .slice(line.indexOf(':') + 1)
        .trim()
        .split(/\s+/),
    ]) {
      const list = CANONICAL.get(name) ?? [];
      if (!list.includes(formal)) {
        if (name === formal) list.unshift(formal);
        else list.push(formal);
      }
      CANONICAL.set(name, list);
      const ids = groups.get(name) ?? [];
      if (!ids.includes(id)) ids.push(id);
      groups.set(name, ids);
    }
  });
  // A formal name that is also another's short form (sidney/sydney) keeps itself first.
  for (const [name, list] of CANONICAL) {
    const own = list.indexOf(name);
    if (own > 0) list.unshift(...list.splice(own, 1));
  }
  for (const [name, ids] of groups) GROUPS.set(name, Int32Array.from(ids.sort((x, y) => x - y)));
}

/** Every known forename or short form → the formal names it may stand for. @example NICKNAMES.get('sandy') // ['alexander', 'alexandra'] */
export const NICKNAMES: ReadonlyMap<string, readonly string[]> = CANONICAL;

/** The first word of a (normalised) forename string: "mary jane" → "mary". */
function firstWord(s: string): string {
  const space = s.indexOf(' ');
  return space < 0 ? s : s.slice(0, space);
}

/**
 * The formal name a forename most likely stands for (its first word; unknown names are returned as they are).
 * @example canonicalForename('bill') // 'william'
 */
export function canonicalForename(name: string): string {
  const first = firstWord(name);
  return CANONICAL.get(first)?.[0] ?? first;
}

/**
 * True when two different forenames (their first words) are the same name in the table: one
 * a short form of the other, or both forms of one formal name (kate and katie). Symmetric;
 * false for equal names, which the exact level has already taken.
 * @example isNicknameOf('peggy', 'margaret') // true
 */
export function isNicknameOf(a: string, b: string): boolean {
  const x = firstWord(a);
  const y = firstWord(b);
  if (x === y) return false;
  const gx = GROUPS.get(x);
  if (gx === undefined) return false;
  const gy = GROUPS.get(y);
  if (gy === undefined) return false;
  // Two short sorted lists: walk them together.
  let i = 0;
  let j = 0;
  while (i < gx.length && j < gy.length) {
    const d = gx[i]! - gy[j]!;
    if (d === 0) return true;
    if (d < 0) i++;
    else j++;
  }
  return false;
}

/**
 * True when the forenames agree word by word, in order, where at least one side gives only
 * an initial: "j" ~ "john", "j a" ~ "john andrew", "john a" ~ "j andrew". Words beyond the
 * shorter side are ignored; a full word must equal its counterpart. Symmetric.
 * @example initialsMatch('j a', 'john andrew') // true
 */
export function initialsMatch(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  // Cheap refusal first: this runs on every pair that got this far down the levels.
  if (la === 0 || lb === 0 || a.charCodeAt(0) !== b.charCodeAt(0)) return false;
  let i = 0;
  let j = 0;
  let sawInitial = false;
  while (i < la && j < lb) {
    let ei = i;
    while (ei < la && a.charCodeAt(ei) !== 32) ei++;
    let ej = j;
    while (ej < lb && b.charCodeAt(ej) !== 32) ej++;
    const wa = ei - i;
    const wb = ej - j;
    if (wa === 1 || wb === 1) {
      if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
      sawInitial = true;
    } else {
      if (wa !== wb) return false;
      for (let k = 0; k < wa; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
    }
    i = ei + 1;
    j = ej + 1;
    while (i < la && a.charCodeAt(i) === 32) i++;
    while (j < lb && b.charCodeAt(j) === 32) j++;
  }
  return sawInitial;
}

/**
 * True when one record's forename is the other's surname and the other way round (a form filled in the wrong way round).
 * @example namesSwapped('smith', 'john', 'john', 'smith') // true
 */
export function namesSwapped(first1: string, last1: string, first2: string, last2: string): boolean {
  return first1 !== '' && last1 !== '' && first1 !== last1 && first1 === last2 && last1 === first2;
}
