import { onFirstUse } from '../../../functions/wiring/on-first-use';

interface Greeter {
  greet(name: string): Promise<string>;
  greetTwice(name: string): Promise<string>;
}

class FormalGreeter implements Greeter {
  constructor(private readonly title: string) {}
  async greet(name: string) {
    return `Good day, ${this.title} ${name}`;
  }
  async greetTwice(name: string) {
    return `${await this.greet(name)}. ${await this.greet(name)}`;
  }
}

describe('onFirstUse', () => {
  it('loads nothing until a method is called, then loads the adapter once for every call', async () => {
    let loads = 0;
    const port = onFirstUse<Greeter>(async () => {
      loads += 1;
      return new FormalGreeter('Dr.');
    });
    expect(loads).toBe(0);

    const answers = await Promise.all([port.greet('Ada'), port.greetTwice('Alan')]);

    expect(answers).toEqual(['Good day, Dr. Ada', 'Good day, Dr. Alan. Good day, Dr. Alan']);
    expect(loads).toBe(1);
  });

  it('retries a load that failed on the next call', async () => {
    let loads = 0;
    const port = onFirstUse<Greeter>(async () => {
      loads += 1;
      if (loads === 1) throw new Error('chunk not found');
      return new FormalGreeter('Ms.');
    });

    await expect(port.greet('Grace')).rejects.toThrow('chunk not found');
    await expect(port.greet('Grace')).resolves.toBe('Good day, Ms. Grace');
  });

  it('passes on what the adapter throws', async () => {
    const port = onFirstUse<Greeter>(async () => ({
      greet: async () => Promise.reject(new Error('throttled')),
      greetTwice: async () => 'never',
    }));

    await expect(port.greet('Linus')).rejects.toThrow('throttled');
  });

  it('is not mistaken for a promise when awaited', async () => {
    let loads = 0;
    const port = onFirstUse<Greeter>(async () => {
      loads += 1;
      return new FormalGreeter('Mx.');
    });

    expect(await port).toBe(port);
    expect(loads).toBe(0);
  });
});
