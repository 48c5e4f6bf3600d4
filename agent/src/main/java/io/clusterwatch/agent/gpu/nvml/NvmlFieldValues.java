package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * Reads {@code nvmlFieldValue_t} results. {@code nvmlDeviceGetFieldValues} succeeds when any field
 * was filled, so each element's own {@code nvmlReturn} decides whether its value is there.
 */
final class NvmlFieldValues {
  /** {@code NVML_FI_DEV_ECC_SBE_VOL_TOTAL}: corrected ECC errors since driver load. */
  static final int ECC_SBE_VOL_TOTAL = 3;

  /** {@code NVML_FI_DEV_ECC_DBE_VOL_TOTAL}: uncorrected ECC errors since driver load. */
  static final int ECC_DBE_VOL_TOTAL = 4;

  /** {@code NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION}: millijoules since driver load. */
  static final int TOTAL_ENERGY_CONSUMPTION = 83;

  /** {@code NVML_FI_DEV_PCIE_REPLAY_COUNTER}. */
  static final int PCIE_REPLAY_COUNTER = 94;

  private static final int DOUBLE = 0;
  private static final int UNSIGNED_INT = 1;
  private static final int UNSIGNED_LONG = 2;
  private static final int UNSIGNED_LONG_LONG = 3;
  private static final int SIGNED_LONG_LONG = 4;
  private static final int SIGNED_INT = 5;
  private static final int UNSIGNED_SHORT = 6;

  private NvmlFieldValues() {}

  /**
   * The value of the {@code nvmlFieldValue_t} at {@code offset} in {@code values} as an unsigned
   * count, or -1 when the field failed, is negative, or holds {@code NVML_VALUE_NOT_AVAILABLE} (all
   * ones).
   */
  static long count(Pointer values, long offset) {
    if (values.getInt(offset + NvmlLayout.FIELD_RETURN) != NvmlReturn.SUCCESS) {
      return -1;
    }
    long union = offset + NvmlLayout.FIELD_VALUE;
    switch (values.getInt(offset + NvmlLayout.FIELD_VALUE_TYPE)) {
      case DOUBLE:
        double d = values.getDouble(union);
        return d >= 0 && d < 0x1p63 ? (long) d : -1;
      case UNSIGNED_INT:
        int ui = values.getInt(union);
        return ui == -1 ? -1 : Integer.toUnsignedLong(ui);
      case UNSIGNED_LONG:
        long ul =
            NativeLong.SIZE == 8
                ? values.getLong(union)
                : Integer.toUnsignedLong(values.getInt(union));
        return ul;
      case UNSIGNED_LONG_LONG:
      case SIGNED_LONG_LONG:
        // all ones (NOT_AVAILABLE) and anything past 2^63 read as negative: absent either way
        long ll = values.getLong(union);
        return ll < 0 ? -1 : ll;
      case SIGNED_INT:
        int si = values.getInt(union);
        return si < 0 ? -1 : si;
      case UNSIGNED_SHORT:
        return values.getShort(union) & 0xFFFFL;
      default:
        return -1;
    }
  }
}
