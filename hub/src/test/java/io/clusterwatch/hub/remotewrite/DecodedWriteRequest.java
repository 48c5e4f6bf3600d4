package io.clusterwatch.hub.remotewrite;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/**
 * A remote write request read back the way a receiver does (snappy, then prompb field numbers),
 * independent of {@link WriteRequestEncoder}'s size arithmetic.
 */
record DecodedWriteRequest(List<Series> series) {
  record Point(long timestamp, double value) {}

  record Series(Map<String, String> labels, List<Point> points) {
    double value(int i) {
      return points.get(i).value();
    }

    long timestamp(int i) {
      return points.get(i).timestamp();
    }
  }

  static DecodedWriteRequest fromSnappy(byte[] body) throws IOException {
    return decode(Snappy.uncompress(body));
  }

  static DecodedWriteRequest decode(byte[] proto) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(proto);
    List<Series> out = new ArrayList<>();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      if (WireFormat.getTagFieldNumber(tag) != 1) {
        throw new IOException("unexpected WriteRequest field " + WireFormat.getTagFieldNumber(tag));
      }
      out.add(series(in.readByteArray()));
    }
    return new DecodedWriteRequest(out);
  }

  private static Series series(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    Map<String, String> labels = new LinkedHashMap<>();
    List<Point> samples = new ArrayList<>();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      CodedInputStream sub = CodedInputStream.newInstance(in.readByteArray());
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        String name = null;
        String value = "";
        while (!sub.isAtEnd()) {
          int t = sub.readTag();
          if (WireFormat.getTagFieldNumber(t) == 1) {
            name = sub.readString();
          } else {
            value = sub.readString();
          }
        }
        labels.put(name, value);
      } else {
        long ts = 0;
        long bits = 0;
        while (!sub.isAtEnd()) {
          int t = sub.readTag();
          if (WireFormat.getTagFieldNumber(t) == 1) {
            bits = Double.doubleToRawLongBits(sub.readDouble());
          } else {
            ts = sub.readInt64();
          }
        }
        samples.add(new Point(ts, Double.longBitsToDouble(bits)));
      }
    }
    return new Series(labels, samples);
  }
}
