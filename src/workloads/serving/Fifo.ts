// Fifo: a first-in first-out queue on an array with a moving head (O(1) amortised take).
/** A FIFO queue; `take` is O(1) amortised (the array is compacted once half of it is consumed). */
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Remove and return the oldest item (undefined when empty). */
  take(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
