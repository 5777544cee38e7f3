import fs from 'node:fs';
import { once } from 'node:events';
const HEADER =
  'reference,family_name,given_name,patronymic,birth_date,status,status_source,health_category,facility,language,contact_name,relationship,contact_phone,contact_language,secret,consent,nominated';
const FAMILY = ['Ivanov', 'Petrov', 'Sidorov', 'Smirnov', 'Kuznetsov', 'Popov', 'Volkov', 'Morozov', 'Novikov', 'Fedorov'];
const GIVEN = ['Ivan', 'Petr', 'Alexei', 'Dmitry', 'Sergei', 'Andrei', 'Yuri', 'Nikolai', 'Oleg', 'Pavel'];
const STATUS = ['held', 'held', 'held', 'hospitalised', 'released', 'transferred'];
// One kind of each mistake an import must catch; the generator remembers where it put them.
const BAD = [
  (r: string[]) => {
    r[0] = '1234567890';
  }, // wrong check digit
  (r: string[]) => {
    r[12] = '+7916123';
  }, // invalid phone
  (r: string[]) => {
    r[14] = '12';
  }, // secret too short
  (r: string[]) => {
    r[5] = 'captured';
  }, // unknown status
  (r: string[]) => {
    r[4] = '1990-02-30';
  }, // impossible date
];

/** Writes `rows` data rows (1..3 contacts per detainee, about 1% bad); returns the bad rows' line numbers. */
export async function generateImportCsv(file: string, rows: number, badEvery = 97): Promise<number[]> {
  const out = fs.createWriteStream(file);
  const bad: number[] = [];
  out.write(`${HEADER}\n`);
  let i = 0;
  let person = 0;
  while (i < rows) {
    person++;
    // No references: a first import of a list (references are issued by kinline). Random references in the
    // file would collide with issued ones about 3 times in 100,000 rows, and such rows are rightly refused.
    const ref = '';
    const birth = `19${70 + (person % 30)}-${String(1 + (person % 12)).padStart(2, '0')}-${String(1 + (person % 28)).padStart(2, '0')}`;
    const contacts = 1 + (person % 3);
    for (let c = 0; c < contacts && i < rows; c++, i++) {
      const phone = `+7916${String(1_000_000 + person * 3 + c)
        .padStart(7, '0')
        .slice(-7)}`;
      const r = [
        ref,
        FAMILY[person % 10],
        `${GIVEN[(person >> 3) % 10]}${person}`,
        'Ivanovich',
        birth,
        STATUS[person % STATUS.length],
        'NIB list',
        'good',
        `Facility ${person % 20}`,
        'ru',
        `Contact ${person}-${c}`,
        c === 0 ? 'mother' : 'sister',
        phone,
        'ru',
        String(1000 + (person % 9000)),
        c === 0 ? 'held;health;calls' : 'held',
        c === 0 ? 'yes' : 'no',
      ];
      if (i % badEvery === badEvery - 1) {
        BAD[((i / badEvery) | 0) % BAD.length](r);
        bad.push(i + 2); // line 1 is the header
      }
      if (!out.write(`${r.join(',')}\n`)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return bad;
}
