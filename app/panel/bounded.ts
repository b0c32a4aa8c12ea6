// A Map that forgets its oldest entries beyond a size: the panel's memories of calls (IVR paths,
// histories, wrap-ups saved) follow every call of the site and must not grow without end. Setting
// a key again makes it the newest.
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.max) {
      const oldest = this.keys().next();
      if (oldest.done) break;
      super.delete(oldest.value);
    }
    return this;
  }
}
