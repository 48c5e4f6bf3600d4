package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.OptionalLong;

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
   * The value as an unsigned count, or empty when the field failed, is negative, or holds {@code
   * NVML_VALUE_NOT_AVAILABLE} (all ones).
   */
  static OptionalLong count(NvmlStructs.FieldValue field) {
    if (field.nvmlReturn != NvmlReturn.SUCCESS) {
      return OptionalLong.empty();
    }
    Pointer union = field.getPointer().share(field.offsetOf("value"));
    switch (field.valueType) {
      case DOUBLE:
        double d = union.getDouble(0);
        return d >= 0 && d < 0x1p63 ? OptionalLong.of((long) d) : OptionalLong.empty();
      case UNSIGNED_INT:
        int ui = union.getInt(0);
        return ui == -1 ? OptionalLong.empty() : OptionalLong.of(Integer.toUnsignedLong(ui));
      case UNSIGNED_LONG:
        long ul = NativeLong.SIZE == 8 ? union.getLong(0) : Integer.toUnsignedLong(union.getInt(0));
        return ul == -1L ? OptionalLong.empty() : OptionalLong.of(ul);
      case UNSIGNED_LONG_LONG:
        long ull = union.getLong(0);
        return ull == -1L ? OptionalLong.empty() : OptionalLong.of(ull);
      case SIGNED_LONG_LONG:
        long sll = union.getLong(0);
        return sll < 0 ? OptionalLong.empty() : OptionalLong.of(sll);
      case SIGNED_INT:
        int si = union.getInt(0);
        return si < 0 ? OptionalLong.empty() : OptionalLong.of(si);
      case UNSIGNED_SHORT:
        return OptionalLong.of(union.getShort(0) & 0xFFFFL);
      default:
        return OptionalLong.empty();
    }
  }
}
