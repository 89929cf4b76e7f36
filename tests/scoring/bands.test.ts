import { describe, it, expect } from 'vitest';
import { doj2023Band, hmg2010Band } from '../../src/scoring/index.js';

describe('doj2023Band', () => {
  it.each([
    [999.99, 'unconcentrated'],
    [1000, 'moderately_concentrated'],
    [1000.01, 'moderately_concentrated'],
    [1799.99, 'moderately_concentrated'],
    [1800, 'moderately_concentrated'],
    [1800.01, 'highly_concentrated'],
    [10_000, 'highly_concentrated'],
  ])('HHI %d is %s', (hhi, band) => {
    expect(doj2023Band(hhi).band).toBe(band);
  });

  it('names the guideline and its thresholds', () => {
    expect(doj2023Band(0)).toEqual({ guideline: '2023 Merger Guidelines', band: 'unconcentrated', thresholds: [1000, 1800] });
  });
});

describe('hmg2010Band', () => {
  it.each([
    [1499.99, 'unconcentrated'],
    [1500, 'moderately_concentrated'],
    [1500.01, 'moderately_concentrated'],
    [2499.99, 'moderately_concentrated'],
    [2500, 'moderately_concentrated'],
    [2500.01, 'highly_concentrated'],
  ])('HHI %d is %s', (hhi, band) => {
    expect(hmg2010Band(hhi).band).toBe(band);
  });

  it('names the guideline and its thresholds', () => {
    expect(hmg2010Band(2600)).toEqual({
      guideline: '2010 Horizontal Merger Guidelines',
      band: 'highly_concentrated',
      thresholds: [1500, 2500],
    });
  });

  it('bands the same HHI differently under the two guidelines', () => {
    expect(doj2023Band(2000).band).toBe('highly_concentrated');
    expect(hmg2010Band(2000).band).toBe('moderately_concentrated');
  });
});
