import type { ConsentScope, DetaineeStatus, HealthCategory } from '../storage/schema.js';
import { dammCheckDigit } from '../shared/reference.js';

/** Fixed demo references: a valid Damm check digit on fixed bodies, so every run prints the same numbers. */
const ref = (body: string) => body + String(dammCheckDigit(body));

export interface DemoContact {
  case: string;
  name: string;
  /** The name in Cyrillic, for the Russian voice of a supervised call (D-11). */
  spokenName?: string;
  relationship: string;
  phone: string;
  secret: string | null;
  consent: ConsentScope[];
  nominated?: boolean;
  blocked?: boolean;
}

export interface DemoDetainee {
  case: string;
  reference: string;
  familyName: string;
  givenName: string;
  /** The given name in Cyrillic, for the Russian voice of a supervised call (D-11). */
  spokenName?: string;
  patronymic: string;
  birthDate: string;
  status: DetaineeStatus;
  healthCategory: HealthCategory | null;
  possiblyDead?: boolean;
  contacts: DemoContact[];
}

// Call hours whose start equals their end mean any time: a trial can approve a call whenever it is run.
export const DEMO_FACILITY = {
  name: 'Demo facility (training only)',
  timeZone: 'Europe/Kyiv',
  callHoursStart: '00:00',
  callHoursEnd: '00:00',
  defaultLine: '+380441234567',
};

const ALL: ConsentScope[] = ['held', 'health', 'messages', 'calls'];

// Fictional people for trials. Every case the hotline must handle has one detainee or contact.
export const DEMO_DETAINEES: DemoDetainee[] = [
  {
    case: 'held, with consent',
    reference: ref('731904562'),
    familyName: 'Petrov',
    givenName: 'Ivan',
    spokenName: 'Иван',
    patronymic: 'Sergeevich',
    birthDate: '1994-03-12',
    status: 'held',
    healthCategory: 'good',
    contacts: [
      {
        case: 'consent to everything, nominated for calls',
        name: 'Anna Petrova',
        spokenName: 'Анна',
        relationship: 'mother',
        phone: '+79161110101',
        secret: '246813',
        consent: ALL,
        nominated: true,
      },
      {
        case: 'contact without a secret',
        name: 'Olga Petrova',
        relationship: 'wife',
        phone: '+79161110102',
        secret: null,
        consent: ['held'],
      },
      {
        case: 'blocked contact (D-09)',
        name: 'Pavel Petrov',
        relationship: 'brother',
        phone: '+79161110103',
        secret: '135790',
        consent: ['held'],
        blocked: true,
      },
    ],
  },
  {
    case: 'held, without consent',
    reference: ref('582039174'),
    familyName: 'Sidorov',
    givenName: 'Alexei',
    patronymic: 'Nikolaevich',
    birthDate: '1990-07-01',
    status: 'held',
    healthCategory: 'fair',
    contacts: [
      { case: 'no consent entries', name: 'Nikolai Sidorov', relationship: 'father', phone: '+79161110201', secret: '901234', consent: [] },
    ],
  },
  {
    case: 'hospitalised, health consent',
    reference: ref('649205831'),
    familyName: 'Kuznetsov',
    givenName: 'Dmitry',
    patronymic: 'Olegovich',
    birthDate: '1998-11-23',
    status: 'hospitalised',
    healthCategory: 'under_treatment',
    contacts: [
      {
        case: 'held and health consent',
        name: 'Maria Kuznetsova',
        relationship: 'sister',
        phone: '+79161110301',
        secret: '432109',
        consent: ['held', 'health'],
      },
    ],
  },
  {
    case: 'deceased (operator only, C-07)',
    reference: ref('815372049'),
    familyName: 'Smirnov',
    givenName: 'Yuri',
    patronymic: 'Viktorovich',
    birthDate: '1987-02-05',
    status: 'deceased',
    healthCategory: null,
    contacts: [
      {
        case: 'held and health consent',
        name: 'Galina Smirnova',
        relationship: 'mother',
        phone: '+79161110401',
        secret: '739152',
        consent: ['held', 'health'],
      },
    ],
  },
  {
    case: 'released',
    reference: ref('926481503'),
    familyName: 'Volkov',
    givenName: 'Sergei',
    patronymic: 'Andreevich',
    birthDate: '1992-09-30',
    status: 'released',
    healthCategory: 'good',
    contacts: [
      { case: 'held consent', name: 'Elena Volkova', relationship: 'wife', phone: '+79161110501', secret: '864297', consent: ['held'] },
    ],
  },
  {
    case: 'missing, possibly dead (operator only, C-07)',
    reference: ref('473816290'),
    familyName: 'Morozov',
    givenName: 'Andrei',
    patronymic: 'Ilyich',
    birthDate: '1996-05-17',
    status: 'unknown',
    healthCategory: null,
    possiblyDead: true,
    contacts: [
      {
        case: 'held and health consent',
        name: 'Tatiana Morozova',
        relationship: 'mother',
        phone: '+79161110601',
        secret: '159372',
        consent: ['held', 'health'],
      },
    ],
  },
];
