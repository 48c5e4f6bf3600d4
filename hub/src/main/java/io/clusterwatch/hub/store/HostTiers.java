package io.clusterwatch.hub.store;

/**
 * One host's tiers: the raw tier and the rollups, finest first, each coarser rollup fed with the
 * closed buckets of the one below it ({@link RollupTier#feeds}). A tick opens its slot in all of
 * them together and a quiet host's open blocks close together, always finest first, so that a
 * closing bucket reaches the coarser tier's open bucket before that one closes. Guarded by the
 * host's lock.
 */
final class HostTiers {
  final RawTier raw;

  /** The finest rollup, the only one that takes raw values; null without rollups. */
  final RollupTier finestRollup;

  /** Raw first, then the rollups, finest first: a tier's index is its place here. */
  final Tier[] all;

  HostTiers(StoreConfig config, Tier.Sealer sealer, Tier.DiskBlocks disk) {
    this.raw =
        new RawTier(config.rawStepMs(), config.rawRetentionMs(), config.blockMs(), sealer, disk);
    this.all = new Tier[config.rollups().size() + 1];
    all[0] = raw;
    for (int i = 1; i < all.length; i++) {
      RollupTier rollup =
          new RollupTier(i, config.rollups().get(i - 1), config.blockMs(), sealer, disk);
      all[i] = rollup;
      if (i > 1) {
        ((RollupTier) all[i - 1]).feeds(rollup);
      }
    }
    this.finestRollup = all.length > 1 ? (RollupTier) all[1] : null;
  }

  /** Opens raw slot {@code slot} (after the newest) and the rollup buckets it falls in. */
  void advance(long slot) {
    raw.advance(slot);
    long slotStartMs = slot * raw.stepMs;
    for (int i = 1; i < all.length; i++) {
      ((RollupTier) all[i]).advanceTo(Math.floorDiv(slotStartMs, all[i].stepMs));
    }
  }

  void addColumn() {
    for (Tier t : all) {
      t.addColumn();
    }
  }

  /** Seals every tier's open block although no later tick came (the host went quiet). */
  void closeOpenBlocks() {
    for (Tier t : all) {
      t.closeOpenBlock();
    }
  }

  /** Values held per column across the tiers (a rollup bucket counts its min, avg and max). */
  long valuesPerColumn() {
    long values = 0;
    for (Tier t : all) {
      values += t.slotsHeld() * t.width();
    }
    return values;
  }

  /** Heap held by the tiers. */
  long bytes() {
    long bytes = 0;
    for (Tier t : all) {
      bytes += t.bytes();
    }
    return bytes;
  }
}
