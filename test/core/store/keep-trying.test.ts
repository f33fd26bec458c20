import { keepTrying } from '../../../src/core/store/keep-trying';

describe('keepTrying', () => {
  it('retries a failing write in the background until it lands, without reporting a give-up', async () => {
    let attempts = 0;
    const gaveUp = jest.fn();
    const first = keepTrying(async () => {
      attempts += 1;
      if (attempts < 3) throw new Error('redis down');
      return 'landed';
    }, 5, 1000, gaveUp);
    await expect(first).rejects.toThrow('redis down');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(attempts).toBe(3);
    expect(gaveUp).not.toHaveBeenCalled();
  });

  it('tells onGiveUp once, with the last error, when the write never lands', async () => {
    let attempts = 0;
    const gaveUp = jest.fn();
    keepTrying(() => Promise.reject(new Error(`attempt ${++attempts}`)), 5, 30, gaveUp).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(gaveUp).toHaveBeenCalledTimes(1);
    expect(gaveUp.mock.calls[0]![0]).toMatchObject({ message: `attempt ${attempts}` });
  });
});
