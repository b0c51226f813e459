/**
 * Forename rules: a curated table of UK nicknames and short forms (our own, kept apart
 * from the scenario's so that accuracy figures are not circular), initials and swaps.
 * Names are compared after normalisation (lower case, no punctuation).
 */

// Formal name → its common short forms. Both directions are resolved below.
const TABLE: Record<string, string[]> = {
  abigail: ['abbie', 'abby', 'gail'],
  abraham: ['abe', 'bram'],
  adam: ['ad'],
  adrian: ['ade'],
  agnes: ['aggie', 'nessie'],
  albert: ['al', 'bert', 'bertie'],
  alexander: ['alex', 'alec', 'sandy', 'xander', 'sasha'],
  alexandra: ['alex', 'lexi', 'sandra', 'sandy', 'sasha'],
  alfred: ['alf', 'alfie', 'fred', 'freddie'],
  alice: ['ali', 'allie'],
  alison: ['ali', 'allie'],
  amanda: ['mandy', 'manda'],
  andrew: ['andy', 'drew'],
  angela: ['angie'],
  anne: ['annie', 'nan', 'nancy'],
  ann: ['annie', 'nan'],
  anthony: ['tony', 'ant'],
  archibald: ['archie', 'baldie'],
  arthur: ['art', 'artie'],
  barbara: ['barb', 'babs', 'barbie'],
  barry: ['baz'],
  benjamin: ['ben', 'benny', 'benji'],
  bernard: ['bernie'],
  beatrice: ['bea', 'trixie', 'beattie'],
  bridget: ['biddy', 'bridie'],
  callum: ['cal'],
  catherine: ['cathy', 'kate', 'katie', 'cath', 'kit', 'kay'],
  katherine: ['kathy', 'kate', 'katie', 'kath', 'kit', 'kay'],
  kathleen: ['kath', 'kathy', 'kay'],
  caroline: ['carrie', 'caro', 'carol'],
  charles: ['charlie', 'chas', 'chuck', 'chaz'],
  charlotte: ['charlie', 'lottie', 'lotte'],
  christina: ['chris', 'tina', 'chrissie'],
  christine: ['chris', 'chrissie', 'tina'],
  christopher: ['chris', 'kit', 'topher'],
  clifford: ['cliff'],
  constance: ['connie'],
  cornelius: ['neil'],
  cynthia: ['cindy'],
  daniel: ['dan', 'danny'],
  david: ['dave', 'davey', 'dai'],
  deborah: ['debbie', 'deb', 'debs'],
  dennis: ['den'],
  diana: ['di'],
  dominic: ['dom'],
  donald: ['don', 'donny'],
  dorothy: ['dot', 'dottie', 'dolly', 'dora'],
  douglas: ['doug', 'dougie'],
  edmund: ['ed', 'ted', 'ned'],
  edward: ['ed', 'eddie', 'ted', 'teddy', 'ned'],
  edwin: ['ed', 'eddie'],
  eleanor: ['ellie', 'nell', 'nellie', 'nora', 'elle'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betty', 'bess', 'bessie', 'eliza', 'libby', 'lisa', 'elsie', 'betsy'],
  ellen: ['nell', 'nellie'],
  emily: ['em', 'emmy', 'milly'],
  emma: ['em', 'emmy'],
  eugene: ['gene'],
  evelyn: ['eve', 'evie'],
  florence: ['flo', 'flossie', 'florrie'],
  frances: ['fran', 'fanny', 'frankie'],
  francis: ['frank', 'frankie'],
  frederick: ['fred', 'freddie', 'freddy'],
  gabriel: ['gabe'],
  gabrielle: ['gabby', 'gabi'],
  gareth: ['gaz'],
  geoffrey: ['geoff', 'jeff'],
  george: ['georgie', 'geordie'],
  georgina: ['georgie', 'gina'],
  gerald: ['gerry', 'jerry', 'ged'],
  gerard: ['gerry', 'ged'],
  gertrude: ['gertie', 'trudy'],
  gillian: ['gill', 'jill', 'gilly'],
  gordon: ['gordie'],
  gregory: ['greg'],
  gwendolen: ['gwen'],
  harold: ['harry', 'hal'],
  harriet: ['hattie', 'harri'],
  helen: ['nell', 'nellie', 'lena'],
  henry: ['harry', 'hal', 'hank', 'hen'],
  herbert: ['herb', 'bert', 'bertie'],
  howard: ['howie'],
  hugh: ['hughie'],
  isabel: ['izzy', 'bella', 'isa', 'belle'],
  isabella: ['izzy', 'bella', 'isa', 'belle'],
  jacob: ['jake', 'jack'],
  jacqueline: ['jackie', 'jacqui'],
  james: ['jim', 'jimmy', 'jamie', 'jem', 'jimbo'],
  jane: ['jenny', 'janey', 'jan'],
  janet: ['jan', 'jenny', 'nettie'],
  jennifer: ['jen', 'jenny', 'jenna'],
  jeremy: ['jerry', 'jez'],
  jessica: ['jess', 'jessie'],
  joan: ['joanie'],
  joanna: ['jo'],
  joanne: ['jo'],
  jonathan: ['jon', 'jonny', 'johnny'],
  john: ['jack', 'johnny', 'jon', 'ian', 'sean'],
  joseph: ['joe', 'joey', 'jos'],
  josephine: ['jo', 'josie', 'jojo'],
  joshua: ['josh'],
  judith: ['judy', 'jude'],
  julia: ['jules', 'julie'],
  julian: ['jules'],
  kenneth: ['ken', 'kenny'],
  laurence: ['larry', 'laurie', 'lol'],
  lawrence: ['larry', 'laurie'],
  leonard: ['len', 'lenny', 'leo'],
  lewis: ['lew'],
  louis: ['lou'],
  louise: ['lou', 'lulu'],
  lucy: ['lu'],
  madeleine: ['maddie', 'maddy'],
  margaret: ['maggie', 'meg', 'peggy', 'peg', 'marge', 'margie', 'greta', 'rita', 'madge', 'daisy', 'molly'],
  marjorie: ['marge', 'margie'],
  martha: ['marty', 'mattie', 'patty'],
  martin: ['marty'],
  mary: ['molly', 'polly', 'mae', 'mamie', 'minnie'],
  matilda: ['tilly', 'tilda', 'maud'],
  matthew: ['matt', 'matty'],
  maureen: ['mo', 'mo'],
  maurice: ['mo', 'morris'],
  michael: ['mike', 'mick', 'micky', 'mikey', 'mic'],
  mildred: ['millie'],
  mohammed: ['mo', 'mohd', 'muhammad', 'mohamed', 'mohammad'],
  nathan: ['nat', 'nate'],
  nathaniel: ['nat', 'nate', 'nathan'],
  nicholas: ['nick', 'nicky', 'nico'],
  nicola: ['nicky', 'nikki'],
  norman: ['norm'],
  oliver: ['ollie', 'olly'],
  olivia: ['liv', 'livvy', 'ollie'],
  patricia: ['pat', 'patty', 'tricia', 'trish'],
  patrick: ['pat', 'paddy', 'patsy'],
  penelope: ['penny', 'pen'],
  peter: ['pete'],
  philip: ['phil', 'pip'],
  phillip: ['phil'],
  rachel: ['rach'],
  raymond: ['ray'],
  rebecca: ['becky', 'becca', 'bex'],
  reginald: ['reg', 'reggie'],
  richard: ['rich', 'rick', 'ricky', 'dick', 'richie'],
  robert: ['rob', 'bob', 'bobby', 'robbie', 'bert', 'robin'],
  roberta: ['bobbie', 'robbie'],
  rodney: ['rod'],
  roger: ['rog'],
  ronald: ['ron', 'ronnie'],
  rosemary: ['rose', 'rosie'],
  samantha: ['sam', 'sammy'],
  samuel: ['sam', 'sammy'],
  sarah: ['sally', 'sadie', 'sal'],
  sebastian: ['seb', 'bastian'],
  simon: ['si'],
  sophia: ['sophie'],
  stanley: ['stan'],
  stephen: ['steve', 'stevie'],
  steven: ['steve', 'stevie'],
  susan: ['sue', 'susie', 'suzy'],
  susannah: ['sue', 'susie', 'sukey'],
  sydney: ['syd', 'sid'],
  sidney: ['sid'],
  terence: ['terry', 'tel'],
  theodore: ['theo', 'ted', 'teddy'],
  theresa: ['tess', 'tessa', 'terri'],
  thomas: ['tom', 'tommy'],
  timothy: ['tim', 'timmy'],
  tobias: ['toby'],
  valerie: ['val'],
  veronica: ['ronnie', 'vera'],
  victor: ['vic'],
  victoria: ['vicky', 'vicki', 'tori'],
  vincent: ['vince', 'vinny'],
  walter: ['walt', 'wally'],
  wilfred: ['wilf', 'fred'],
  william: ['will', 'bill', 'billy', 'willie', 'liam', 'wills'],
  winifred: ['winnie', 'win', 'freda'],
  zachary: ['zach', 'zack'],
  aleksander: ['olek'],
  siobhan: ['shiv'],
  gwyneth: ['gwen'],
  dafydd: ['dai', 'dave'],
  hamish: ['jamie'],
  abdullah: ['abdul'],
  rajesh: ['raj'],
  rajinder: ['raj'],
  parminder: ['pam'],
  oluwaseun: ['seun'],
  olufemi: ['femi'],
  oluwatobi: ['tobi'],
  chukwuemeka: ['emeka'],
};

/** Each name → every formal name it may stand for (a formal name stands for itself). */
const CANONICAL = new Map<string, string[]>();
for (const [formal, shorts] of Object.entries(TABLE)) {
  for (const name of [formal, ...shorts]) {
    const list = CANONICAL.get(name) ?? [];
    if (!list.includes(formal)) list.push(formal);
    CANONICAL.set(name, list);
  }
}

/** The table, for inspection and documentation: short form → formal names. */
export const NICKNAMES: ReadonlyMap<string, readonly string[]> = CANONICAL;

const firstWord = (s: string) => {
  const space = s.indexOf(' ');
  return space < 0 ? s : s.slice(0, space);
};

/** The formal name a forename most likely stands for. @example canonicalForename('bill') // 'william' */
export function canonicalForename(name: string): string {
  const first = firstWord(name);
  return CANONICAL.get(first)?.[0] ?? first;
}

/** True when one name is a nickname or short form of the other (or both of one formal name). @example isNicknameOf('peggy', 'margaret') // true */
export function isNicknameOf(a: string, b: string): boolean {
  const x = firstWord(a);
  const y = firstWord(b);
  if (x === y) return false;
  const fx = CANONICAL.get(x);
  const fy = CANONICAL.get(y);
  if (!fx || !fy) return false;
  for (const f of fx) if (fy.includes(f)) return true;
  return false;
}

/**
 * True when initials agree: "j" ~ "john", "j a" ~ "john andrew".
 * One side must be initials only. @example initialsMatch('j a', 'john andrew') // true
 */
export function initialsMatch(a: string, b: string): boolean {
  // Cheap refusals first: this runs on every pair that got this far down the levels.
  if (a.length === 0 || b.length === 0 || a.charCodeAt(0) !== b.charCodeAt(0)) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  for (let k = 1; k < short.length; k += 2) if (short.charCodeAt(k) !== 32) return false; // not "x y z"
  let initial = 0;
  for (let k = 0; k < long.length && initial * 2 < short.length; k++) {
    if (k > 0 && long.charCodeAt(k - 1) !== 32) continue;
    if (long.charCodeAt(k) !== short.charCodeAt(initial * 2)) return false;
    initial++;
  }
  return initial * 2 >= short.length;
}

/** True when first and last names are each other's. @example namesSwapped('smith', 'john', 'john', 'smith') // true */
export function namesSwapped(first1: string, last1: string, first2: string, last2: string): boolean {
  return first1 !== '' && last1 !== '' && first1 !== last1 && first1 === last2 && last1 === first2;
}
