// Public holidays that can be computed: France (with the Alsace-Moselle additions) and Morocco's
// fixed-date national holidays. Morocco's Islamic holidays (Aïd al-Fitr, Aïd al-Adha, 1er Moharram,
// Aïd al-Mawlid) follow the sighting of the crescent moon and are announced each year by the
// ministry of Habous and Islamic Affairs: they come from each calendar's configuration, never from
// here. Names are in French, the language of both contracts.
import { addDays, formatDate } from './zoned.js';

export type HolidayCountry = 'FR' | 'MA';
export type HolidayRegion = 'alsace-moselle';

export interface Holiday {
  /** 'YYYY-MM-DD', a local calendar date. */
  date: string;
  name: string;
}

export interface CalendarDate { year: number; month: number; day: number }

/**
 * Easter Sunday in the Gregorian calendar (the anonymous computus, as published by Meeus):
 * the Sunday after the ecclesiastical full moon on or after 21 March.
 */
export function easterSunday(year: number): CalendarDate {
  const golden = year % 19; // position in the 19-year Metonic cycle
  const century = Math.floor(year / 100);
  const yearInCentury = year % 100;
  const skippedLeaps = Math.floor(century / 4);
  const centuryRest = century % 4;
  const moonCorrection = Math.floor((century + 8) / 25);
  const solarCorrection = Math.floor((century - moonCorrection + 1) / 3);
  const epact = (19 * golden + century - skippedLeaps - solarCorrection + 15) % 30;
  const leapsInCentury = Math.floor(yearInCentury / 4);
  const yearRest = yearInCentury % 4;
  const toSunday = (32 + 2 * centuryRest + 2 * leapsInCentury - epact - yearRest) % 7;
  const adjust = Math.floor((golden + 11 * epact + 22 * toSunday) / 451);
  const daysFromMarch22 = epact + toSunday - 7 * adjust + 114;
  return { year, month: Math.floor(daysFromMarch22 / 31), day: (daysFromMarch22 % 31) + 1 };
}

function fixed(year: number, month: number, day: number, name: string): Holiday {
  return { date: formatDate(year, month, day), name };
}

function fromEaster(easter: CalendarDate, days: number, name: string): Holiday {
  const d = addDays(easter.year, easter.month, easter.day, days);
  return { date: formatDate(d.year, d.month, d.day), name };
}

/** France: Code du travail, art. L3133-1; Alsace-Moselle adds Good Friday and 26 December. */
function france(year: number, region: HolidayRegion | undefined): Holiday[] {
  const easter = easterSunday(year);
  const list = [
    fixed(year, 1, 1, "Jour de l'an"),
    fromEaster(easter, 1, 'Lundi de Pâques'),
    fixed(year, 5, 1, 'Fête du Travail'),
    fixed(year, 5, 8, 'Victoire 1945'),
    fromEaster(easter, 39, 'Ascension'),
    fromEaster(easter, 50, 'Lundi de Pentecôte'),
    fixed(year, 7, 14, 'Fête nationale'),
    fixed(year, 8, 15, 'Assomption'),
    fixed(year, 11, 1, 'Toussaint'),
    fixed(year, 11, 11, 'Armistice 1918'),
    fixed(year, 12, 25, 'Noël'),
  ];
  if (region === 'alsace-moselle') {
    list.push(fromEaster(easter, -2, 'Vendredi saint'), fixed(year, 12, 26, 'Saint-Étienne'));
  }
  return list;
}

/**
 * Morocco's first year with 31 October as a holiday. The Royal Cabinet proclaimed 31 October of
 * each year a national holiday, "Aïd Al Wahda" (Fête de l'Unité), in a statement of 4 November
 * 2025, after the 2025 date had passed; the Government Council then adopted decree 2.26.14 (paid
 * holidays, private sector) and decree 2.25.1140 (public administrations). So 2026 is the first year
 * it is taken. Found with the search tool:
 *   https://www.lecourrierdelatlas.com/le-maroc-celebre-le-31-octobre-la-glorieuse-fete-de-lunite/
 *   https://www.bladi.net/maroc-roi-maroc-cree-fete-nationale-aid-wahda-octobre,117733.html
 *   https://en.7news.ma/morocco-declares-october-31-national-unity-day-in-honor-of-national-sovereignty/
 *   https://www.lesinfos.ma/article/149640832-Bonne%20nouvelle%20%3A%20le%2031%20octobre%20devient%20officiellement%20jour%20f%C3%A9ri%C3%A9%20au%20Maroc
 *   https://www.lenouvelliste.ma/jours-feries-ce-que-prevoit-le-calendrier-2026 (samedi 31 octobre 2026)
 */
export const MOROCCO_UNITY_DAY_FIRST_YEAR = 2026;

/** Yennayer (14 January) is a paid national holiday since the royal decision of May 2023. */
export const MOROCCO_YENNAYER_FIRST_YEAR = 2024;

function morocco(year: number): Holiday[] {
  const list = [
    fixed(year, 1, 1, 'Nouvel an'),
    fixed(year, 1, 11, "Manifeste de l'Indépendance"),
    fixed(year, 5, 1, 'Fête du Travail'),
    fixed(year, 7, 30, 'Fête du Trône'),
    fixed(year, 8, 14, "Allégeance d'Oued Ed-Dahab"),
    fixed(year, 8, 20, 'Révolution du Roi et du Peuple'),
    fixed(year, 8, 21, 'Fête de la Jeunesse'),
    fixed(year, 11, 6, 'Marche verte'),
    fixed(year, 11, 18, "Fête de l'Indépendance"),
  ];
  if (year >= MOROCCO_YENNAYER_FIRST_YEAR) list.push(fixed(year, 1, 14, 'Nouvel an amazigh (Yennayer)'));
  if (year >= MOROCCO_UNITY_DAY_FIRST_YEAR) list.push(fixed(year, 10, 31, "Fête de l'Unité (Aïd Al Wahda)"));
  return list;
}

/** The computed public holidays of `country` in `year`, sorted by date. */
export function publicHolidays(country: HolidayCountry, year: number, region?: HolidayRegion): Holiday[] {
  if (region !== undefined && country !== 'FR') throw new RangeError(`region '${region}' is a region of France, not of ${country}`);
  const list = country === 'FR' ? france(year, region) : morocco(year);
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
