import { expect } from 'chai';
import { Schedule } from '../../../src/perf/schedule';

describe('perf/schedule', () => {
  it('spaces records 1/rate apart from the start', () => {
    const s = new Schedule(1000, 10_000, 50);
    expect(s.unlimited).to.equal(false);
    expect(s.timeOf(0)).to.equal(10_000);
    expect(s.timeOf(10)).to.equal(10_010);
    expect(s.dueAt(9_999)).to.equal(0);
    expect(s.dueAt(10_000)).to.equal(1);
    expect(s.dueAt(10_009.9)).to.equal(10);
    expect(s.dueAt(20_000)).to.equal(50);
  });

  it('has every record due at once when unlimited', () => {
    const s = new Schedule(-1, 5, 123);
    expect(s.unlimited).to.equal(true);
    expect(s.dueAt(0)).to.equal(123);
    expect(s.timeOf(99)).to.equal(5);
  });
});
