import {
  filterParams,
  limitParams,
  nextPageParams,
  previousPageParams,
  readFilters,
  readPage,
} from './paging';

const q = (s: string) => new URLSearchParams(s);

describe('query-string paging', () => {
  it('reads the first page with the default limit', () => {
    expect(readPage(q(''))).toEqual({ cursor: undefined, limit: 50, hasPrevious: false });
    expect(readPage(q('limit=20'))).toEqual({ cursor: undefined, limit: 20, hasPrevious: false });
    // A limit the console does not offer is the default, not what the API would refuse.
    expect(readPage(q('limit=5000')).limit).toBe(50);
    expect(readPage(q(''), 20).limit).toBe(20);
  });

  it('walks forward and back through cursors, keeping the filters', () => {
    const first = q('prefecture=13');
    const second = nextPageParams(first, 'c2');
    expect(second.toString()).toBe('prefecture=13&prev=&cursor=c2');
    expect(readPage(second)).toEqual({ cursor: 'c2', limit: 50, hasPrevious: true });
    const third = nextPageParams(second, 'c3');
    expect(third.getAll('prev')).toEqual(['', 'c2']);
    expect(third.get('cursor')).toBe('c3');

    const back = previousPageParams(third);
    expect(back.get('cursor')).toBe('c2');
    expect(back.getAll('prev')).toEqual(['']);
    const home = previousPageParams(back);
    expect(home.toString()).toBe('prefecture=13');
    expect(previousPageParams(home).toString()).toBe('prefecture=13');
  });

  it('starts from the first page when a filter or the page size changes', () => {
    const deep = q('prefecture=13&prev=&cursor=c2&limit=20');
    expect(filterParams(deep, { prefecture: '27', name: '  ' }).toString()).toBe('prefecture=27&limit=20');
    expect(filterParams(deep, { prefecture: undefined }).toString()).toBe('limit=20');
    expect(limitParams(deep, 100).toString()).toBe('prefecture=13&limit=100');
    expect(limitParams(q('cursor=c2'), 20).toString()).toBe('limit=20');
  });

  it('reads filters as strings, empty when absent', () => {
    expect(readFilters(q('action=office.create'), ['action', 'operator'])).toEqual({
      action: 'office.create',
      operator: '',
    });
  });
});
