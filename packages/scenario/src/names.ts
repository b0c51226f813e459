/**
 * Name catalogues for the synthetic population, curated by hand.
 *
 * Weights are rough relative frequencies, not official counts: they are shaped after ONS
 * "Baby names in England and Wales" (1904–2023) for given names and the ONS/GRO surname
 * frequency lists for surnames, so that common names collide as often as they do in real
 * data (several "David Smith"s in a county) — the hard case for record linkage.
 * A catalogue, so long by design.
 */
import { type Random, WeightedTable } from './random.ts';

/** Where a family's names come from; mixes what an English county's registers really hold. */
export type NameOrigin =
  'british' | 'irish' | 'south-asian' | 'east-european' | 'west-african' | 'caribbean' | 'east-asian' | 'southern-european';

// prettier-ignore
export const ORIGIN_WEIGHTS: readonly (readonly [NameOrigin, number])[] = [
  ['british', 80], ['irish', 3], ['south-asian', 5], ['east-european', 4], ['west-african', 2.5], ['caribbean', 1.5], ['east-asian', 1.5],
  ['southern-european', 2.5],
];

/** A birth cohort: names go in and out of fashion, so a name hints at an age. */
export type Era = 0 | 1 | 2;
export function eraOf(birthYear: number): Era {
  return birthYear < 1960 ? 0 : birthYear < 1990 ? 1 : 2;
}

// [name, weight for births before 1960, 1960–1989, 1990 onwards]
type EraName = readonly [string, number, number, number];

// prettier-ignore
const BRITISH_MALE: readonly EraName[] = [
  ['John', 40, 12, 2], ['David', 30, 25, 4], ['Michael', 22, 20, 5], ['Peter', 30, 8, 1], ['Robert', 28, 10, 2], ['William', 30, 6, 8],
  ['James', 25, 15, 12], ['Richard', 18, 14, 2], ['Thomas', 14, 8, 12], ['George', 25, 2, 8], ['Kenneth', 20, 1, 0], ['Brian', 22, 3, 0],
  ['Ronald', 18, 0.5, 0], ['Dennis', 12, 0.3, 0], ['Raymond', 14, 1, 0], ['Frederick', 10, 0.3, 0.5], ['Arthur', 14, 0.3, 4],
  ['Albert', 8, 0.2, 1], ['Leonard', 9, 0.3, 0.5], ['Alan', 20, 6, 0.2], ['Anthony', 18, 8, 1], ['Christopher', 10, 18, 3],
  ['Stephen', 12, 16, 0.5], ['Steven', 4, 10, 0.5], ['Paul', 10, 18, 0.5], ['Andrew', 8, 18, 2], ['Mark', 4, 20, 0.5],
  ['Ian', 8, 10, 0.2], ['Gary', 2, 10, 0.1], ['Darren', 0.2, 8, 0.1], ['Lee', 0.5, 7, 0.3], ['Simon', 3, 10, 0.3], ['Matthew', 1, 12, 5],
  ['Daniel', 0.5, 9, 9], ['Jonathan', 2, 6, 1], ['Nicholas', 3, 5, 0.5], ['Timothy', 3, 5, 0.3], ['Philip', 8, 5, 0.3],
  ['Phillip', 2, 1, 0], ['Geoffrey', 8, 0.5, 0], ['Graham', 8, 5, 0.1], ['Keith', 10, 3, 0], ['Colin', 10, 3, 0], ['Derek', 10, 1, 0],
  ['Terence', 8, 1, 0], ['Gordon', 6, 0.5, 0], ['Roy', 8, 0.5, 0], ['Edward', 8, 2, 3], ['Charles', 8, 1, 3], ['Henry', 3, 0.3, 6],
  ['Samuel', 1, 1.5, 7], ['Benjamin', 0.5, 3, 7], ['Joseph', 3, 2, 7], ['Oliver', 0.3, 0.5, 10], ['Jack', 0.5, 0.5, 11],
  ['Harry', 1.5, 0.3, 10], ['Charlie', 0.1, 0.2, 7], ['Joshua', 0, 0.5, 9], ['Jacob', 0, 0.2, 6], ['Alfie', 0, 0, 5], ['Noah', 0, 0, 5],
  ['Leo', 0, 0.1, 5], ['Oscar', 0, 0.1, 5], ['Freddie', 0, 0, 4], ['Archie', 0, 0, 4], ['Theo', 0, 0, 4], ['Max', 0, 0.3, 4],
  ['Luke', 0, 2, 5], ['Ryan', 0, 3, 5], ['Liam', 0, 1.5, 4], ['Adam', 0.2, 4, 5], ['Lewis', 0, 0.5, 4], ['Callum', 0, 0.3, 3],
  ['Connor', 0, 0.1, 3], ['Dylan', 0, 0.1, 3], ['Ethan', 0, 0, 5], ['Mason', 0, 0, 3], ['Alexander', 1, 2, 5], ['Nathan', 0, 2, 3],
  ['Craig', 0.1, 4, 0.5], ['Stuart', 2, 5, 0.2], ['Neil', 3, 6, 0.1], ['Martin', 6, 8, 0.3], ['Kevin', 4, 8, 0.1], ['Dean', 0.2, 4, 0.1],
  ['Jason', 0.1, 6, 0.3], ['Wayne', 0.1, 4, 0], ['Carl', 0.5, 4, 0.1], ['Sean', 0.5, 3, 1], ['Shaun', 0.2, 2, 0.3], ['Rhys', 0, 0.5, 1.5],
  ['Gareth', 0.5, 2, 0.2], ['Owen', 0.5, 0.5, 2], ['Jamie', 0, 3, 2], ['Gabriel', 0.3, 0.2, 1.5], ['Jeffrey', 3, 1, 0],
];

// prettier-ignore
const BRITISH_FEMALE: readonly EraName[] = [
  ['Margaret', 40, 2, 0], ['Mary', 30, 3, 0.3], ['Patricia', 25, 2, 0], ['Joan', 20, 0.2, 0], ['Jean', 20, 0.5, 0], ['Barbara', 20, 1, 0],
  ['Dorothy', 18, 0.1, 0], ['Elizabeth', 15, 6, 3], ['Susan', 15, 12, 0.1], ['Christine', 14, 5, 0], ['Janet', 14, 4, 0],
  ['Sheila', 14, 0.5, 0], ['Pauline', 12, 1, 0], ['Brenda', 12, 0.5, 0], ['Valerie', 12, 0.5, 0], ['Maureen', 12, 0.5, 0],
  ['Anne', 12, 3, 0.1], ['Ann', 10, 1, 0], ['Linda', 12, 6, 0], ['Carol', 10, 5, 0], ['Sandra', 10, 5, 0], ['Irene', 8, 0.1, 0],
  ['Doris', 8, 0, 0], ['Joyce', 10, 0.1, 0], ['Betty', 8, 0, 0], ['Gillian', 8, 4, 0], ['Pamela', 10, 2, 0], ['Jacqueline', 5, 6, 0],
  ['Hazel', 6, 1, 0.3], ['Edith', 6, 0, 0.2], ['Rose', 5, 0.3, 1.5], ['Violet', 4, 0, 1], ['Elsie', 4, 0, 1.5], ['Evelyn', 5, 0.1, 2],
  ['Deborah', 1, 9, 0.1], ['Julie', 1, 12, 0.1], ['Karen', 1, 12, 0.1], ['Tracey', 0.1, 9, 0], ['Nicola', 0.1, 9, 0.3],
  ['Sarah', 1, 14, 3], ['Claire', 0.2, 10, 0.3], ['Emma', 0.1, 9, 4], ['Lisa', 0.1, 9, 0.2], ['Helen', 4, 9, 0.5], ['Catherine', 3, 6, 1],
  ['Kathryn', 1, 3, 0.5], ['Rachel', 0.5, 7, 1], ['Rebecca', 0.3, 6, 3], ['Louise', 0.5, 7, 0.5], ['Joanne', 0.3, 7, 0.1],
  ['Michelle', 0.1, 8, 0.2], ['Kelly', 0, 5, 0.3], ['Victoria', 0.3, 5, 2], ['Amanda', 0.2, 6, 0.1], ['Samantha', 0, 5, 1],
  ['Jennifer', 1, 4, 1], ['Alison', 1, 5, 0], ['Jane', 6, 6, 0.2], ['Katherine', 1, 3, 2], ['Laura', 0.1, 4, 5], ['Charlotte', 0.2, 2, 7],
  ['Hannah', 0.2, 1, 6], ['Sophie', 0, 0.5, 7], ['Emily', 0.3, 0.5, 8], ['Jessica', 0, 1, 6], ['Lucy', 0.3, 2, 6], ['Amy', 0, 3, 5],
  ['Olivia', 0, 0.1, 9], ['Amelia', 0, 0, 8], ['Isla', 0, 0, 6], ['Ava', 0, 0, 6], ['Mia', 0, 0, 5], ['Isabella', 0, 0.1, 5],
  ['Grace', 0.5, 0.3, 6], ['Poppy', 0, 0, 5], ['Ella', 0, 0.1, 5], ['Lily', 0.2, 0, 6], ['Freya', 0, 0, 4], ['Florence', 1, 0, 3],
  ['Evie', 0, 0, 4], ['Chloe', 0, 1, 5], ['Megan', 0, 0.5, 5], ['Holly', 0, 0.5, 4], ['Ellie', 0, 0, 5], ['Abigail', 0, 0.5, 3],
  ['Eleanor', 1, 0.5, 3], ['Zoe', 0, 2, 2], ['Natalie', 0, 4, 1], ['Gemma', 0, 4, 0.3], ['Kirsty', 0, 3, 0.2], ['Bethany', 0, 0.3, 3],
  ['Harriet', 0.5, 0.3, 2], ['Tess', 0.2, 0.2, 0.3], ['Frances', 4, 1, 0.3], ['Josephine', 3, 0.5, 0.3], ['Beverley', 1, 3, 0],
];

/** A name pool for one origin; weights are flat-ish within the smaller origins. */
interface OriginNames {
  male: readonly EraName[];
  female: readonly EraName[];
  surnames: readonly (readonly [string, number])[];
}

const flat = (names: string[], weight = 1): EraName[] => names.map((n) => [n, weight, weight, weight] as const);

// British surnames, weights ~ per 10,000 people; Dorset names (Legg, Samways, Bugler…) added
// so the county feels like itself.
// prettier-ignore
const BRITISH_SURNAMES: readonly (readonly [string, number])[] = [
  ['Smith', 100], ['Jones', 75], ['Williams', 60], ['Taylor', 55], ['Brown', 52], ['Davies', 50], ['Evans', 40], ['Wilson', 40],
  ['Thomas', 38], ['Johnson', 37], ['Roberts', 36], ['Robinson', 33], ['Thompson', 33], ['Wright', 32], ['Walker', 31], ['White', 30],
  ['Edwards', 29], ['Hughes', 29], ['Green', 28], ['Hall', 28], ['Lewis', 27], ['Harris', 27], ['Clarke', 27], ['Jackson', 26],
  ['Wood', 26], ['Turner', 25], ['Martin', 24], ['Cooper', 24], ['Hill', 24], ['Ward', 23], ['Morris', 23], ['Moore', 23], ['Clark', 22],
  ['Lee', 22], ['King', 22], ['Baker', 21], ['Harrison', 21], ['Morgan', 21], ['Allen', 20], ['James', 20], ['Scott', 20],
  ['Phillips', 19], ['Watson', 19], ['Davis', 19], ['Parker', 18], ['Price', 18], ['Bennett', 18], ['Young', 18], ['Griffiths', 17],
  ['Mitchell', 17], ['Kelly', 17], ['Cook', 17], ['Carter', 17], ['Richardson', 16], ['Bailey', 16], ['Collins', 16], ['Bell', 16],
  ['Shaw', 16], ['Murphy', 15], ['Miller', 15], ['Cox', 15], ['Richards', 15], ['Marshall', 14], ['Anderson', 14], ['Simpson', 14],
  ['Ellis', 14], ['Adams', 14], ['Wilkinson', 13], ['Foster', 13], ['Chapman', 13], ['Powell', 13], ['Webb', 13], ['Rogers', 13],
  ['Gray', 13], ['Mason', 13], ['Hunt', 12], ['Campbell', 12], ['Matthews', 12], ['Owen', 12], ['Palmer', 12], ['Holmes', 12],
  ['Mills', 12], ['Barnes', 12], ['Knight', 12], ['Lloyd', 11], ['Butler', 11], ['Russell', 11], ['Barker', 11], ['Fisher', 11],
  ['Stevens', 11], ['Jenkins', 11], ['Murray', 11], ['Dixon', 11], ['Harvey', 11], ['Graham', 10], ['Pearson', 10], ['Fletcher', 10],
  ['Walsh', 10], ['Gibson', 10], ['Howard', 10], ['Andrews', 10], ['Stewart', 10], ['Elliott', 10], ['Reynolds', 10], ['Saunders', 10],
  ['Payne', 10], ['Fox', 9], ['Ford', 9], ['Pearce', 9], ['Day', 9], ['Brooks', 9], ['West', 9], ['Lawrence', 9], ['Cole', 9],
  ['Atkinson', 9], ['Bradley', 9], ['Spencer', 9], ['Dawson', 8], ['Ball', 8], ['Burton', 8], ['Watts', 8], ['Rose', 8], ['Booth', 8],
  ['Perry', 8], ['Grant', 8], ['Wells', 8], ['Armstrong', 8], ['Francis', 8], ['Rees', 8], ['Hayes', 8], ['Hart', 8], ['Hudson', 8],
  ['Newman', 8], ['Barrett', 8], ['Webster', 7], ['Hunter', 7], ['Gregory', 7], ['Carr', 7], ['Lowe', 7], ['Page', 7], ['Marsh', 7],
  ['Riley', 7], ['Dunn', 7], ['Woods', 7], ['Parsons', 7], ['Berry', 7], ['Stone', 7], ['Reid', 7], ['Holland', 7], ['Hawkins', 7],
  ['Harding', 7], ['Porter', 7], ['Robertson', 7], ['Newton', 7], ['Oliver', 7], ['Reed', 7], ['Williamson', 6], ['Bird', 6],
  ['Gardner', 6], ['Dean', 6], ['Lane', 6], ['Cooke', 6], ['Bates', 6], ['Henderson', 6], ['Parry', 6], ['Burgess', 6], ['Bishop', 6],
  ['Walton', 6], ['Nicholson', 6], ['Shepherd', 6], ['Ross', 6], ['Cross', 6], ['Long', 6], ['Freeman', 6], ['Warren', 6],
  ['Nicholls', 6], ['Hamilton', 6], ['Sutton', 6], ['McDonald', 5], ['Yates', 5], ['Hodgson', 5], ['Curtis', 5], ['Hopkins', 5],
  ['Harper', 5], ['Coleman', 5], ['Watkins', 5], ['Moss', 5], ['Chambers', 5], ['Griffin', 5], ['Sharp', 5], ['Hardy', 5], ['Wheeler', 5],
  ['Potter', 5], ['Osborne', 5], ['Johnston', 5], ['Gordon', 5], ['Wallace', 5], ['George', 5], ['Rowe', 5], ['Pritchard', 5],
  ['Gilbert', 5], ['Willis', 5], ['Read', 4], ['Miles', 4], ['Stephenson', 4], ['Hammond', 4], ['Arnold', 4], ['Buckley', 4],
  ['Hewitt', 4], ['Barber', 4], ['Slater', 4], ['Austin', 4], ['Whitehead', 4], ['Frost', 4], ['Lambert', 4], ['Blake', 4],
  ['Goodwin', 4], ['Barton', 4], ['Woodward', 4], ['Baxter', 4], ['Nash', 4], ['Greenwood', 4], ['Jennings', 4], ['Holt', 4], ['Kemp', 4],
  ['Poole', 4], ['Bond', 4], ['Stokes', 4], ['Tucker', 4], ['Fowler', 4], ['Heath', 4], ['Norman', 4], ['Middleton', 4], ['Banks', 4],
  ['French', 4], ['Stanley', 4], ['Jarvis', 4], ['Gibbs', 4], ['Hayward', 4], ['Peters', 4], ['Lucas', 4], ['Knowles', 4], ['Hartley', 4],
  ['Morton', 4], ['Norris', 4], ['Townsend', 4], ['Legg', 3], ['Samways', 2], ['Bugler', 2], ['Loveless', 2], ['Frampton', 3],
  ['Chubb', 2], ['Sansom', 2], ['Meech', 2], ['Pitman', 3], ['Dominey', 1], ['Hansford', 2], ['Bartlett', 4], ['Toop', 1], ['Guppy', 1],
  ['Dowden', 1], ['Hoskins', 2], ['Symonds', 2], ['Gale', 3], ['Ffoulkes', 0.5], ["D'Arcy", 0.5], ['MacDonald', 2], ['McKenzie', 2],
  ['St John', 0.5],
];

// prettier-ignore
export const ORIGIN_NAMES: Record<NameOrigin, OriginNames> = {
  british: { male: BRITISH_MALE, female: BRITISH_FEMALE, surnames: BRITISH_SURNAMES },
  irish: {
    male: [
      ...flat(['Sean', 'Patrick', 'Michael', 'Declan', 'Ciaran', 'Niall', 'Padraig', 'Eoin', 'Conor']),
      ...flat(['Liam', 'Kieran', 'Brendan', 'Dermot', 'Seamus', 'Cathal']),
    ],
    female: [
      ...flat(['Siobhan', 'Niamh', 'Aoife', 'Mary', 'Bridget', 'Catherine', 'Sinead', 'Roisin', 'Orla']),
      ...flat(['Ciara', 'Aisling', 'Maeve', 'Clodagh', 'Grainne']),
    ],
    surnames: [
      ['Murphy', 10], ['Kelly', 9], ["O'Sullivan", 7], ['Walsh', 7], ["O'Brien", 7], ['Byrne', 6], ['Ryan', 6], ["O'Connor", 6],
      ["O'Neill", 6], ['Reilly', 5], ['Doyle', 5], ['McCarthy', 5], ['Gallagher', 4], ['Doherty', 4], ['Kennedy', 4], ['Lynch', 4],
      ['Quinn', 4], ['McLaughlin', 3], ['Fitzgerald', 3], ["O'Donnell", 3], ['Brennan', 3], ['Callaghan', 2], ['Keane', 2],
    ],
  },
  'south-asian': {
    male: [
      ...flat(['Mohammed', 'Muhammad', 'Mohamed'], 3),
      ...flat(['Ahmed', 'Ali', 'Imran', 'Amir', 'Raj', 'Sanjay', 'Arjun', 'Rohan', 'Aarav', 'Hamza']),
      ...flat(['Ibrahim', 'Yusuf', 'Harpreet', 'Gurpreet', 'Sunil', 'Vikram', 'Anil', 'Rahul', 'Zain']),
    ],
    female: [
      ...flat(['Fatima', 'Aisha', 'Ayesha', 'Priya', 'Anjali', 'Sunita', 'Shabana', 'Nazia', 'Amina']),
      ...flat(['Zara', 'Simran', 'Jaspreet', 'Maryam', 'Noor', 'Sana', 'Kavita', 'Deepa', 'Hafsa']),
    ],
    surnames: [
      ['Patel', 14], ['Khan', 12], ['Ahmed', 8], ['Ali', 8], ['Hussain', 7], ['Singh', 7], ['Kaur', 4], ['Begum', 5], ['Shah', 5],
      ['Akhtar', 4], ['Iqbal', 3], ['Rahman', 4], ['Islam', 3], ['Uddin', 3], ['Miah', 3], ['Choudhury', 3], ['Sharma', 3], ['Kumar', 3],
      ['Mistry', 2], ['Chauhan', 2], ['Malik', 3], ['Bibi', 2], ['Mahmood', 2], ['Sandhu', 2], ['Gill', 3],
    ],
  },
  'east-european': {
    male: [
      ...flat(['Piotr', 'Tomasz', 'Krzysztof', 'Paweł', 'Marek', 'Andrzej', 'Jakub', 'Michał', 'Łukasz']),
      ...flat(['Mateusz', 'Adrian', 'Bogdan', 'Andrei', 'Ionuț', 'Vasile', 'Mindaugas']),
    ],
    female: [
      ...flat(['Anna', 'Katarzyna', 'Agnieszka', 'Magdalena', 'Joanna', 'Monika', 'Ewa', 'Aleksandra']),
      ...flat(['Natalia', 'Zuzanna', 'Elena', 'Ioana', 'Maria', 'Kristina']),
    ],
    surnames: [
      ['Nowak', 8], ['Kowalski', 6], ['Wiśniewski', 5], ['Wójcik', 5], ['Kamiński', 4], ['Lewandowski', 4], ['Zieliński', 4],
      ['Szymański', 3], ['Woźniak', 3], ['Dąbrowski', 3], ['Kozłowski', 3], ['Jankowski', 3], ['Mazur', 3], ['Krawczyk', 3],
      ['Popescu', 4], ['Ionescu', 3], ['Popa', 3], ['Dumitru', 2], ['Horváth', 2], ['Kazlauskas', 2], ['Petrov', 2],
    ],
  },
  'west-african': {
    male: [
      ...flat(['Oluwaseun', 'Chinedu', 'Emeka', 'Kwame', 'Kofi', 'Tunde', 'Olumide', 'Chukwuemeka']),
      ...flat(['Samuel', 'David', 'Daniel', 'Emmanuel', 'Joseph', 'Babajide'], 2),
    ],
    female: [
      ...flat(['Adaeze', 'Chioma', 'Ngozi', 'Funmilayo', 'Abena', 'Ama', 'Folake', 'Yetunde']),
      ...flat(['Blessing', 'Grace', 'Esther', 'Precious', 'Favour'], 2),
    ],
    surnames: [
      ['Okafor', 5], ['Adeyemi', 5], ['Mensah', 5], ['Okonkwo', 4], ['Adebayo', 4], ['Boateng', 4], ['Owusu', 4], ['Asante', 3],
      ['Eze', 3], ['Nwosu', 3], ['Olawale', 2], ['Balogun', 3], ['Ogunleye', 2], ['Osei', 3], ['Addo', 2], ['Oyelaran', 1],
    ],
  },
  caribbean: {
    male: [...BRITISH_MALE, ...flat(['Winston', 'Delroy', 'Leroy', 'Marcus', 'Tyrone', 'Jermaine'], 6)],
    female: [...BRITISH_FEMALE, ...flat(['Marcia', 'Yvonne', 'Sharon', 'Janice', 'Shanice'], 6)],
    surnames: [
      ['Campbell', 6], ['Brown', 6], ['Williams', 6], ['Francis', 4], ['Grant', 4], ['Thompson', 5], ['Clarke', 4], ['Reid', 4],
      ['Morgan', 3], ['Gordon', 3], ['Henry', 4], ['Bailey', 3], ['Edwards', 3], ['Johnson', 4], ['Lewis', 3], ['Samuels', 2],
      ['McKenzie', 3],
    ],
  },
  'east-asian': {
    male: flat(['Wei', 'Jun', 'Hao', 'Ming', 'Jian', 'Tuan', 'Minh', 'Kenji', 'Hiroshi', 'Jin']),
    female: flat(['Mei', 'Li', 'Xin', 'Ying', 'Hui', 'Lan', 'Linh', 'Yuki', 'Hana', 'Jing']),
    surnames: [
      ['Chen', 6], ['Wang', 6], ['Li', 6], ['Zhang', 5], ['Liu', 5], ['Wong', 5], ['Lee', 4], ['Chan', 5], ['Cheung', 3], ['Nguyen', 5],
      ['Tran', 3], ['Le', 2], ['Pham', 2], ['Lin', 3], ['Huang', 3], ['Yang', 3], ['Ng', 3], ['Tanaka', 1],
    ],
  },
  'southern-european': {
    male: flat(['João', 'Pedro', 'Miguel', 'Luís', 'Marco', 'Giuseppe', 'Antonio', 'Francesco', 'Carlos', 'José', 'Mehmet', 'Emre']),
    female: flat(['Ana', 'Maria', 'Sofia', 'Giulia', 'Francesca', 'Inês', 'Beatriz', 'Elif', 'Ayşe', 'Rosa', 'Lucía']),
    surnames: [
      ['Silva', 6], ['Santos', 5], ['Ferreira', 4], ['Pereira', 4], ['Costa', 4], ['Oliveira', 4], ['Rodrigues', 3], ['Rossi', 4],
      ['Russo', 3], ['Esposito', 3], ['Bianchi', 2], ['Romano', 2], ['García', 4], ['Fernández', 3], ['López', 3], ['Yılmaz', 3],
      ['Kaya', 2], ['Demir', 2], ['da Silva', 3], ['De Souza', 2], ['Dos Santos', 2],
    ],
  },
};

/** Sampling tables built once per process: the catalogues never change. */
interface NameTables {
  given: Record<'F' | 'M', [WeightedTable<string>, WeightedTable<string>, WeightedTable<string>]>;
  surnames: WeightedTable<string>;
}

const tableCache = new Map<NameOrigin, NameTables>();

function eraTable(names: readonly EraName[], era: Era): WeightedTable<string> {
  const entries = names.map((n) => [n[0], era === 0 ? n[1] : era === 1 ? n[2] : n[3]] as const).filter(([, w]) => w > 0);
  return new WeightedTable(entries);
}

function tablesFor(origin: NameOrigin): NameTables {
  let tables = tableCache.get(origin);
  if (!tables) {
    const pool = ORIGIN_NAMES[origin];
    tables = {
      given: {
        F: [eraTable(pool.female, 0), eraTable(pool.female, 1), eraTable(pool.female, 2)],
        M: [eraTable(pool.male, 0), eraTable(pool.male, 1), eraTable(pool.male, 2)],
      },
      surnames: new WeightedTable(pool.surnames),
    };
    tableCache.set(origin, tables);
  }
  return tables;
}

const originTable = new WeightedTable(ORIGIN_WEIGHTS);

export function pickOrigin(random: Random): NameOrigin {
  return originTable.sample(random);
}

export function pickGivenName(random: Random, origin: NameOrigin, sex: 'F' | 'M', era: Era): string {
  return tablesFor(origin).given[sex][era].sample(random);
}

/** A family surname; Polish surnames take their feminine form (-ski → -ska) for women. */
export function pickSurname(random: Random, origin: NameOrigin): string {
  return tablesFor(origin).surnames.sample(random);
}

export function surnameForSex(surname: string, sex: 'F' | 'M'): string {
  if (sex === 'F') return surname.replace(/(ski|cki|dzki)$/, (end) => `${end.slice(0, -1)}a`);
  return surname.replace(/(ska|cka|dzka)$/, (end) => `${end.slice(0, -1)}i`);
}

/**
 * Nicknames and familiar forms people give to call handlers and on forms. Keys are the
 * formal names; a record may carry any of the forms. Spelling variants (Stephen/Steven,
 * Mohammed/Muhammad) live here too because systems treat them the same way.
 */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  William: ['Bill', 'Will', 'Billy', 'Liam'],
  Margaret: ['Peggy', 'Maggie', 'Meg', 'Margo'],
  James: ['Jim', 'Jimmy', 'Jamie'],
  Robert: ['Bob', 'Rob', 'Bobby', 'Robbie'],
  Richard: ['Dick', 'Rick', 'Rich', 'Richie'],
  Elizabeth: ['Liz', 'Beth', 'Betty', 'Lizzie', 'Eliza'],
  Catherine: ['Kate', 'Cathy', 'Katie', 'Cath'],
  Katherine: ['Kate', 'Kathy', 'Katie', 'Kath'],
  Kathryn: ['Kate', 'Kathy', 'Katie'],
  Anthony: ['Tony', 'Ant'],
  Christopher: ['Chris', 'Kit'],
  Michael: ['Mike', 'Mick', 'Mickey'],
  Edward: ['Ed', 'Eddie', 'Ted', 'Ned'],
  Thomas: ['Tom', 'Tommy'],
  Joseph: ['Joe', 'Joey'],
  Daniel: ['Dan', 'Danny'],
  Alexander: ['Alex', 'Sandy', 'Al'],
  Susan: ['Sue', 'Susie'],
  Patricia: ['Pat', 'Trish', 'Patsy'],
  Deborah: ['Debbie', 'Debs', 'Deb'],
  Jennifer: ['Jenny', 'Jen'],
  Rebecca: ['Becky', 'Becca'],
  Samuel: ['Sam', 'Sammy'],
  Samantha: ['Sam', 'Sammie'],
  Benjamin: ['Ben', 'Benny'],
  Matthew: ['Matt'],
  Andrew: ['Andy', 'Drew'],
  Stephen: ['Steve', 'Steven'],
  Steven: ['Steve', 'Stephen'],
  Peter: ['Pete'],
  David: ['Dave', 'Davy'],
  John: ['Jack', 'Johnny'],
  Jonathan: ['Jon', 'Jonny'],
  Nicholas: ['Nick', 'Nicky'],
  Timothy: ['Tim'],
  Charles: ['Charlie', 'Chas', 'Chuck'],
  Henry: ['Harry', 'Hal'],
  Frederick: ['Fred', 'Freddie'],
  Albert: ['Bert', 'Al'],
  Dorothy: ['Dot', 'Dolly', 'Dottie'],
  Mary: ['Molly', 'Polly', 'May'],
  Ann: ['Annie'],
  Anne: ['Annie'],
  Victoria: ['Vicky', 'Tori'],
  Jacqueline: ['Jackie', 'Jacqui'],
  Christine: ['Chris', 'Chrissie', 'Tina'],
  Kenneth: ['Ken', 'Kenny'],
  Ronald: ['Ron', 'Ronnie'],
  Gerald: ['Gerry'],
  Leonard: ['Len', 'Lenny'],
  Terence: ['Terry', 'Tel'],
  Philip: ['Phil', 'Phillip'],
  Phillip: ['Phil', 'Philip'],
  Raymond: ['Ray'],
  Gillian: ['Gill', 'Jill'],
  Josephine: ['Jo', 'Josie'],
  Joanne: ['Jo', 'Joanna'],
  Helen: ['Nell'],
  Eleanor: ['Ellie', 'Nell', 'Nora'],
  Abigail: ['Abbie', 'Abby'],
  Olivia: ['Liv', 'Livvy'],
  Isabella: ['Bella', 'Izzy'],
  Jessica: ['Jess', 'Jessie'],
  Charlotte: ['Charlie', 'Lottie'],
  Amelia: ['Millie', 'Amy'],
  Emily: ['Em', 'Emmy'],
  Oliver: ['Ollie'],
  Joshua: ['Josh'],
  Nathan: ['Nat', 'Nate'],
  Theo: ['Theodore'],
  Frances: ['Fran', 'Frankie'],
  Barbara: ['Babs', 'Barbie'],
  Sandra: ['Sandy'],
  Pamela: ['Pam'],
  Beverley: ['Bev'],
  Valerie: ['Val'],
  Geoffrey: ['Geoff', 'Jeffrey'],
  Jeffrey: ['Jeff', 'Geoffrey'],
  Terrence: ['Terry'],
  Derek: ['Del'],
  Graham: ['Gray'],
  Leroy: ['Roy'],
  Mohammed: ['Muhammad', 'Mohamed', 'Mohammad', 'Mo'],
  Muhammad: ['Mohammed', 'Mohamed', 'Mo'],
  Mohamed: ['Mohammed', 'Muhammad', 'Mo'],
  Sean: ['Shaun', 'Shawn'],
  Shaun: ['Sean', 'Shawn'],
  Oluwaseun: ['Seun', 'Shaun'],
  Chukwuemeka: ['Emeka'],
  Funmilayo: ['Funmi'],
  Aleksandra: ['Ola', 'Alexandra'],
  Katarzyna: ['Kasia', 'Kate'],
  Małgorzata: ['Gosia'],
  Krzysztof: ['Chris', 'Krzys'],
  Piotr: ['Peter'],
  Paweł: ['Paul'],
  Jakub: ['Kuba', 'Jacob'],
  Wei: ['William'],
  Jun: ['June'],
};

/** True when `name` has a familiar form in the table. */
export function hasNickname(name: string): boolean {
  return NICKNAMES[name] !== undefined;
}

/** Courtesy titles and how often each is used, by sex; most systems record one. */
export function pickTitle(random: Random, sex: 'F' | 'M', isMarried: boolean): string {
  if (random.chance(0.015)) return 'Dr';
  if (random.chance(0.002)) return 'Rev';
  if (sex === 'M') return 'Mr';
  if (isMarried) return random.chance(0.85) ? 'Mrs' : 'Ms';
  return random.chance(0.55) ? 'Miss' : 'Ms';
}
