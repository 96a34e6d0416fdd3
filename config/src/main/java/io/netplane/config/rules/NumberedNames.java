package io.netplane.config.rules;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * Node names in a request's order, each with its number in one decider's snapshot (-1 for a name
 * the snapshot does not have): a reader that found the names in the snapshot while parsing hands
 * their numbers over, and {@link Decider#decide} does not look thousands of names up a second time.
 * A known name is the snapshot's own String. To everybody else, a list of Strings that only grows.
 */
public final class NumberedNames extends AbstractList<String> implements RandomAccess {
  private final Decider numberedBy;
  private String[] names;
  private int[] slots;
  private int size;

  public NumberedNames(Decider numberedBy) {
    this(numberedBy, 16);
  }

  /**
   * Room for {@code expected} names before the list grows: a reader that can tell how many a
   * request holds spares the copies of growing through thousands.
   */
  public NumberedNames(Decider numberedBy, int expected) {
    this.numberedBy = numberedBy;
    this.names = new String[Math.max(1, expected)];
    this.slots = new int[names.length];
  }

  /** Adds the snapshot's node numbered {@code slot} ({@link Decider#nodeName(int)}). */
  public void addNode(int slot) {
    append(numberedBy.nodeName(slot), slot);
  }

  /** Adds a name, numbered by looking it up in the snapshot. */
  @Override
  public boolean add(String name) {
    int slot = numberedBy.slot(name);
    append(slot < 0 ? name : numberedBy.nodeName(slot), slot);
    return true;
  }

  private void append(String name, int slot) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      slots = Arrays.copyOf(slots, size * 2);
    }
    names[size] = name;
    slots[size] = slot;
    size++;
  }

  @Override
  public String get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return names[index];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void clear() {
    size = 0;
  }

  /** A copy of the names. */
  String[] names() {
    return Arrays.copyOf(names, size);
  }

  /**
   * The names, numbered by {@code decider}: a copy of these ones when it numbered them, else looked
   * up.
   */
  int[] slotsIn(Decider decider) {
    if (decider == numberedBy) {
      return Arrays.copyOf(slots, size);
    }
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = decider.slot(names[i]);
    }
    return out;
  }
}
