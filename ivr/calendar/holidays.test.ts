import test from 'ava';
import { easterSunday, publicHolidays } from './holidays.js';

test('given known years, when Easter is computed, then it matches the published dates, extremes included', (t) => {
  const easter = (y: number): string => {
    const e = easterSunday(y);
    return `${e.year}-${String(e.month).padStart(2, '0')}-${String(e.day).padStart(2, '0')}`;
  };
  t.deepEqual([2000, 2024, 2025, 2026, 2027, 2038, 1818, 2285, 1943].map(easter), [
    '2000-04-23', '2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2038-04-25',
    '1818-03-22', '2285-03-22', '1943-04-25',
  ]);
});

test('given France in 2027, when holidays are listed, then the eleven are there with Easter-based ones computed', (t) => {
  t.deepEqual(publicHolidays('FR', 2027), [
    { date: '2027-01-01', name: "Jour de l'an" },
    { date: '2027-03-29', name: 'Lundi de Pâques' },
    { date: '2027-05-01', name: 'Fête du Travail' },
    { date: '2027-05-06', name: 'Ascension' },
    { date: '2027-05-08', name: 'Victoire 1945' },
    { date: '2027-05-17', name: 'Lundi de Pentecôte' },
    { date: '2027-07-14', name: 'Fête nationale' },
    { date: '2027-08-15', name: 'Assomption' },
    { date: '2027-11-01', name: 'Toussaint' },
    { date: '2027-11-11', name: 'Armistice 1918' },
    { date: '2027-12-25', name: 'Noël' },
  ]);
});

test('given Alsace-Moselle in 2026, when holidays are listed, then Good Friday and 26 December are added', (t) => {
  const list = publicHolidays('FR', 2026, 'alsace-moselle');
  t.is(list.length, 13);
  t.deepEqual(list.filter((h) => ['2026-04-03', '2026-12-26'].includes(h.date)).map((h) => h.name),
    ['Vendredi saint', 'Saint-Étienne']);
});

test('given Morocco, when holidays are listed, then Yennayer starts in 2024 and the Fête de l\'Unité in 2026', (t) => {
  const dates = (y: number): string[] => publicHolidays('MA', y).map((h) => h.date.slice(5));
  t.deepEqual(dates(2023), ['01-01', '01-11', '05-01', '07-30', '08-14', '08-20', '08-21', '11-06', '11-18']);
  t.true(dates(2024).includes('01-14'));
  t.false(dates(2025).includes('10-31'));
  t.deepEqual(publicHolidays('MA', 2026).find((h) => h.date === '2026-10-31'),
    { date: '2026-10-31', name: "Fête de l'Unité (Aïd Al Wahda)" });
  t.is(publicHolidays('MA', 2027).length, 11);
});

test('given a French region for Morocco, when holidays are asked for, then it is refused', (t) => {
  t.throws(() => publicHolidays('MA', 2026, 'alsace-moselle'), { instanceOf: RangeError });
});
