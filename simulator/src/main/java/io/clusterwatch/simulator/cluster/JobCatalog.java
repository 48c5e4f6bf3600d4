package io.clusterwatch.simulator.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws plausible jobs for a university GPU cluster: students of two courses and the staff of a few
 * labs, with the job names and sizes such people submit.
 */
final class JobCatalog {
  private static final long GIB = 1024L * 1024 * 1024;
  private static final String[] STAFF = {
    "anna", "jonas", "wei", "priya", "mateo", "fatima", "lukas", "sofia"
  };
  private static final String[] COURSES = {"cs-ml-2026", "dl4cv-2026"};
  private static final String[] LABS = {"nlp-lab", "vision-lab", "robotics-lab"};
  private static final String[] TRAINING_NAMES = {
    "llama3-8b-finetune",
    "resnet50-imagenet",
    "bert-pretrain",
    "sd-xl-lora",
    "gpt2-medium-pretrain",
    "vit-b16-cifar100",
    "mistral-7b-qlora",
    "whisper-small-finetune",
    "t5-base-summarize",
    "unet-segmentation"
  };
  private static final String[] STARVED_NAMES = {
    "resnet50-imagenet",
    "yolov8-coco",
    "efficientnet-b4-train",
    "videomae-kinetics",
    "clip-vitb32-laion"
  };
  private static final String[] INTERACTIVE_NAMES = {
    "jupyter", "interactive", "ood-jupyter-lab", "vscode-tunnel", "bash"
  };

  private final SplittableRandom rng;
  private final List<String> students = new ArrayList<>();

  JobCatalog(SplittableRandom rng) {
    this.rng = rng;
    for (int i = 0; i < 24; i++) {
      students.add("s" + (2_100_000 + rng.nextInt(500_000)));
    }
  }

  JobRequest draw() {
    double r = rng.nextDouble();
    Workload workload =
        r < 0.6 ? Workload.TRAINING : r < 0.8 ? Workload.DATALOADER_STARVED : Workload.IDLE_HOLDING;
    return draw(workload);
  }

  JobRequest draw(Workload workload) {
    boolean staff = rng.nextDouble() < 0.35;
    String user = staff ? pick(STAFF) : students.get(rng.nextInt(students.size()));
    String account = staff ? pick(LABS) : pick(COURSES);
    switch (workload) {
      case TRAINING:
        return new JobRequest(
            user,
            pick(TRAINING_NAMES),
            account,
            workload,
            weighted(new int[] {1, 2, 4, 8, 16}, new int[] {15, 20, 25, 30, 10}),
            minutes(10, 40),
            trainingTraits());
      case DATALOADER_STARVED:
        return new JobRequest(
            user,
            pick(STARVED_NAMES),
            account,
            workload,
            weighted(new int[] {1, 2, 4}, new int[] {30, 35, 35}),
            minutes(6, 25),
            starvedTraits());
      case IDLE_HOLDING:
        return new JobRequest(
            user,
            pick(INTERACTIVE_NAMES),
            account,
            workload,
            weighted(new int[] {1, 2, 4}, new int[] {60, 30, 10}),
            minutes(12, 45),
            idleTraits());
      default:
        throw new IllegalArgumentException("unknown workload " + workload);
    }
  }

  /** The same request with a fixed size and duration, for the jobs every demo starts with. */
  JobRequest draw(Workload workload, int gpus, long durationMs) {
    JobRequest r = draw(workload);
    return new JobRequest(r.user(), r.name(), r.account(), workload, gpus, durationMs, r.traits());
  }

  private JobTraits trainingTraits() {
    return new JobTraits(
        between(30, 90),
        between(180, 360),
        between(15, 40),
        between(240, 480),
        between(12, 30),
        (long) (between(52, 76) * GIB),
        between(0.94, 0.97),
        between(0.95, 1.08),
        between(40e6, 120e6),
        between(2.0e9, 3.2e9),
        between(0.55, 0.75),
        between(0.5e9, 1.5e9),
        0);
  }

  private JobTraits starvedTraits() {
    return new JobTraits(
        between(20, 60),
        between(300, 600),
        between(10, 20),
        between(600, 900),
        between(8, 15),
        (long) (between(18, 34) * GIB),
        between(0.24, 0.34),
        between(0.85, 1.0),
        between(250e6, 450e6),
        between(1.0e9, 1.8e9),
        0,
        between(0.1e9, 0.3e9),
        0);
  }

  private JobTraits idleTraits() {
    return new JobTraits(
        0,
        0,
        0,
        0,
        0,
        (long) (between(40, 72) * GIB),
        0,
        between(0.6, 0.9),
        between(20e6, 60e6),
        0,
        0,
        0,
        between(60, 180));
  }

  private long minutes(int from, int to) {
    return (long) (between(from, to) * 60_000);
  }

  private double between(double from, double to) {
    return from + (to - from) * rng.nextDouble();
  }

  private String pick(String[] values) {
    return values[rng.nextInt(values.length)];
  }

  private int weighted(int[] values, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = rng.nextInt(total);
    for (int i = 0; i < values.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }
}
