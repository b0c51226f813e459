/** The standard person shape: what each system's codes become. */
import { describe, expect, it } from 'vitest';
import { standardSex } from '../../src/persons/mapping.ts';

describe('standardSex', () => {
  it('reads letters, words and the NHS Data Dictionary codes alike', () => {
    expect(['M', 'male', '1', ' m '].map(standardSex)).toEqual(['M', 'M', 'M', 'M']);
    expect(['F', 'Female', '2'].map(standardSex)).toEqual(['F', 'F', 'F']);
    expect(['9', 'X'].map(standardSex)).toEqual(['X', 'X']);
    expect(['0', 'unknown', null].map(standardSex)).toEqual([null, null, null]);
    expect(standardSex('non-binary')).toBe('non-binary');
  });
});
