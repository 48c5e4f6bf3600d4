/*
 * A fake libnvidia-ml.so for the agent's tests and benchmarks: exports the NVML symbols the agent
 * binds, under their real (versioned) names, with the C structs laid out as in nvml.h (NVML 13.3),
 * and answers with scripted values and errors. Units are NVML's: bytes, milliwatts, millijoules,
 * MHz, percent, degrees C. See README.md in this folder for the scenario keys.
 *
 * Build variants (see agent/pom.xml):
 *   default            like an R590 driver: every symbol, 24-byte process structs
 *   -DNO_MEMINFO_V2    an old driver without nvmlDeviceGetMemoryInfo_v2 / nvmlDeviceGetTemperatureV
 *   -DNO_GPM           a driver before R520: no nvmlGpm* symbols
 *   -DR535_PROCESS     an R535 driver: 32-byte process elements behind the _v3 name, exports
 *                      nvmlDeviceGetConfComputeMemSizeInfo but not nvmlDeviceGetRunningProcessDetailList
 */
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef int nvmlReturn_t;
#define NVML_SUCCESS 0
#define NVML_ERROR_UNINITIALIZED 1
#define NVML_ERROR_INVALID_ARGUMENT 2
#define NVML_ERROR_NOT_SUPPORTED 3
#define NVML_ERROR_NOT_FOUND 6
#define NVML_ERROR_INSUFFICIENT_SIZE 7
#define NVML_ERROR_TIMEOUT 10
#define NVML_ERROR_GPU_IS_LOST 15
#define NVML_ERROR_ARGUMENT_VERSION_MISMATCH 25
#define NVML_ERROR_UNKNOWN 999

#define MAX_GPUS 16
#define MIG_SLOTS 7
#define MIB 1048576ULL

/* ---- structs, field for field as in nvml.h ---- */
typedef struct { unsigned int gpu; unsigned int memory; } nvmlUtilization_t;
typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct {
  unsigned int version;
  unsigned long long total, reserved, free, used;
} nvmlMemory_v2_t;
#define nvmlMemory_v2 (unsigned int)(sizeof(nvmlMemory_v2_t) | (2 << 24U))
typedef struct {
  char busIdLegacy[16];
  unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
  char busId[32];
} nvmlPciInfo_t;
typedef struct { unsigned int version; unsigned int sensorType; int temperature; } nvmlTemperature_t;
#define nvmlTemperature_v1 (unsigned int)(sizeof(nvmlTemperature_t) | (1 << 24U))
typedef struct {
  unsigned int pid;
  unsigned long long usedGpuMemory;
  unsigned int gpuInstanceId;
  unsigned int computeInstanceId;
} nvmlProcessInfo_t;
typedef struct {
  unsigned int pid;
  unsigned long long usedGpuMemory;
  unsigned int gpuInstanceId;
  unsigned int computeInstanceId;
  unsigned long long usedGpuCcProtectedMemory;
} nvmlProcessInfo_r535_t;
typedef union {
  double dVal; int siVal; unsigned int uiVal; unsigned long ulVal;
  unsigned long long ullVal; signed long long sllVal; unsigned short usVal;
} nvmlValue_t;
typedef struct {
  unsigned int fieldId;
  unsigned int scopeId;
  long long timestamp;
  long long latencyUsec;
  int valueType;
  nvmlReturn_t nvmlReturn;
  nvmlValue_t value;
} nvmlFieldValue_t;
typedef struct fake_device *nvmlDevice_t;
typedef struct {
  nvmlDevice_t device;
  unsigned long long eventType;
  unsigned long long eventData;
  unsigned int gpuInstanceId;
  unsigned int computeInstanceId;
} nvmlEventData_t;
typedef struct fake_event_set *nvmlEventSet_t;
typedef struct { unsigned int version; unsigned int isSupportedDevice; } nvmlGpmSupport_t;
#define NVML_GPM_SUPPORT_VERSION 1
typedef struct fake_gpm_sample *nvmlGpmSample_t;
typedef struct {
  unsigned int metricId;
  nvmlReturn_t nvmlReturn;
  double value;
  struct { char *shortName; char *longName; char *unit; } metricInfo;
} nvmlGpmMetric_t;
#define NVML_GPM_METRIC_MAX 98
typedef struct {
  unsigned int version;
  unsigned int numMetrics;
  nvmlGpmSample_t sample1;
  nvmlGpmSample_t sample2;
  nvmlGpmMetric_t metrics[NVML_GPM_METRIC_MAX];
} nvmlGpmMetricsGet_t;
#define NVML_GPM_METRICS_GET_VERSION 1

/* ---- the fake devices ---- */
struct fake_device {
  int gpu;      /* index of the physical GPU */
  int migSlot;  /* -1 for the physical GPU */
};
struct fake_event_set { unsigned long long registered[MAX_GPUS]; };

/* MIG layout of the H100 MIG capture: 3g.40gb, (empty slot), 2g.20gb, 1g.10gb. */
static const unsigned long long MIG_TOTAL_MIB[MIG_SLOTS] = {40448, 0, 20096, 9984, 0, 0, 0};
static const unsigned long long MIG_USED_MIB[MIG_SLOTS] = {11091, 0, 17, 9, 0, 0, 0};
static const unsigned int MIG_GI[MIG_SLOTS] = {2, 0, 3, 9, 0, 0, 0};
/* Bus numbers of the eight GPUs of a DGX H100. */
static const unsigned int DGX_BUS[8] = {0x1B, 0x43, 0x52, 0x61, 0x9D, 0xC3, 0xD1, 0xDF};

static struct fake_device devices[MAX_GPUS];
static struct fake_device migDevices[MAX_GPUS][MIG_SLOTS];

struct scenario {
  int gpus;
  int vary;               /* 1: values drift with time; 0: fixed base values */
  char unsupported[512];  /* ",power,ecc," style list of call names answering NOT_SUPPORTED */
  int lostGpu;            /* -1 none */
  int hangGpu;            /* -1 none */
  char hangCall[64];
  int hangMs;
  int migGpu;             /* -1 none */
  int processes;          /* compute processes per GPU */
  unsigned int pidBase;   /* PID of GPU 0's first process */
  int xidGpu;             /* -1 none */
  unsigned long long xidCode;
  char control[512];      /* runtime control file; empty: $FAKE_NVML_CONTROL_FILE */
  char fieldErrors[128];  /* ",energy,ecc," style: these fail inside nvmlDeviceGetFieldValues only */
  char noGpm[128];        /* ",1,3," style: GPUs without GPM (as before Hopper) */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct scenario sc;
static int configured;       /* 1 once fake_nvml_configure ran; the env var is then ignored */
static int initCount;
static int hangReleased;
static int pendingXidGpu = -1;
static unsigned long long pendingXid;
static struct timespec startTime;
static long callCounts[MAX_GPUS][32];
static void resetControlLocked(void);

static void defaults(struct scenario *s) {
  memset(s, 0, sizeof(*s));
  s->gpus = 8;
  s->vary = 1;
  s->lostGpu = -1;
  s->hangGpu = -1;
  s->hangMs = 30000;
  s->migGpu = -1;
  s->processes = 1;
  s->pidBase = 20000;
  s->xidGpu = -1;
}

/* Applies "key=value;key=value". Returns 0, or -1 on an unknown key or bad value. */
static int apply(struct scenario *s, const char *spec) {
  char buf[1024];
  if (spec == NULL) return 0;
  if (strlen(spec) >= sizeof(buf)) return -1;
  strcpy(buf, spec);
  char *save = NULL;
  for (char *item = strtok_r(buf, ";", &save); item != NULL; item = strtok_r(NULL, ";", &save)) {
    char *eq = strchr(item, '=');
    if (eq == NULL) return -1;
    *eq = '\0';
    const char *k = item, *v = eq + 1;
    if (strcmp(k, "gpus") == 0) {
      s->gpus = atoi(v);
      if (s->gpus < 0 || s->gpus > MAX_GPUS) return -1;
    } else if (strcmp(k, "vary") == 0) {
      s->vary = atoi(v);
    } else if (strcmp(k, "unsupported") == 0) {
      snprintf(s->unsupported, sizeof(s->unsupported), ",%s,", v);
    } else if (strcmp(k, "lost") == 0) {
      s->lostGpu = atoi(v);
    } else if (strcmp(k, "hang") == 0) {
      if (sscanf(v, "%d:%63s", &s->hangGpu, s->hangCall) != 2) return -1;
    } else if (strcmp(k, "hang_ms") == 0) {
      s->hangMs = atoi(v);
    } else if (strcmp(k, "mig") == 0) {
      s->migGpu = atoi(v);
    } else if (strcmp(k, "processes") == 0) {
      s->processes = atoi(v);
      if (s->processes < 0 || s->processes > 64) return -1;
    } else if (strcmp(k, "xid") == 0) {
      if (sscanf(v, "%d:%llu", &s->xidGpu, &s->xidCode) != 2) return -1;
    } else if (strcmp(k, "pid_base") == 0) {
      char *end = NULL;
      unsigned long base = strtoul(v, &end, 10);
      if (end == v || *end != '\0' || base > 4000000000UL) return -1;
      s->pidBase = (unsigned int)base;
    } else if (strcmp(k, "field_errors") == 0) {
      if (strlen(v) + 3 > sizeof(s->fieldErrors)) return -1;
      snprintf(s->fieldErrors, sizeof(s->fieldErrors), ",%s,", v);
    } else if (strcmp(k, "no_gpm") == 0) {
      if (strlen(v) + 3 > sizeof(s->noGpm)) return -1;
      snprintf(s->noGpm, sizeof(s->noGpm), ",%s,", v);
    } else if (strcmp(k, "control") == 0) {
      if (strlen(v) >= sizeof(s->control)) return -1;
      strcpy(s->control, v);
    } else {
      return -1;
    }
  }
  return 0;
}

/* ---- control functions for tests (not NVML) ---- */
int fake_nvml_configure(const char *spec) {
  struct scenario s;
  defaults(&s);
  if (apply(&s, spec) != 0) return -1;
  pthread_mutex_lock(&lock);
  sc = s;
  configured = 1;
  hangReleased = 0;
  memset(callCounts, 0, sizeof(callCounts));
  resetControlLocked();
  pthread_mutex_unlock(&lock);
  return 0;
}

void fake_nvml_release_hang(void) {
  pthread_mutex_lock(&lock);
  hangReleased = 1;
  pthread_cond_broadcast(&wake);
  pthread_mutex_unlock(&lock);
}

/* From now on every call on GPU `gpu` answers GPU_IS_LOST, as when a GPU falls off the bus. */
void fake_nvml_set_lost(int gpu) {
  pthread_mutex_lock(&lock);
  sc.lostGpu = gpu;
  pthread_mutex_unlock(&lock);
}

void fake_nvml_inject_xid(int gpu, unsigned long long xid) {
  pthread_mutex_lock(&lock);
  pendingXidGpu = gpu;
  pendingXid = xid;
  pthread_cond_broadcast(&wake);
  pthread_mutex_unlock(&lock);
}

/* Layout of the C structs as this compiler lays them out: "struct" gives sizeof, "struct.field" offsetof. */
long fake_nvml_layout(const char *name) {
#define SIZE(T) if (strcmp(name, #T) == 0) return (long)sizeof(T);
#define OFF(T, F) if (strcmp(name, #T "." #F) == 0) return (long)offsetof(T, F);
  SIZE(nvmlUtilization_t) SIZE(nvmlMemory_t) SIZE(nvmlMemory_v2_t) SIZE(nvmlPciInfo_t)
  SIZE(nvmlTemperature_t) SIZE(nvmlProcessInfo_t) SIZE(nvmlFieldValue_t) SIZE(nvmlEventData_t)
  SIZE(nvmlGpmSupport_t) SIZE(nvmlGpmMetric_t) SIZE(nvmlGpmMetricsGet_t)
  OFF(nvmlGpmMetric_t, value) OFF(nvmlGpmMetric_t, metricInfo)
  OFF(nvmlGpmMetricsGet_t, sample1) OFF(nvmlGpmMetricsGet_t, sample2) OFF(nvmlGpmMetricsGet_t, metrics)
  OFF(nvmlMemory_t, free) OFF(nvmlMemory_t, used)
  OFF(nvmlMemory_v2_t, total) OFF(nvmlMemory_v2_t, reserved) OFF(nvmlMemory_v2_t, free) OFF(nvmlMemory_v2_t, used)
  OFF(nvmlPciInfo_t, domain) OFF(nvmlPciInfo_t, pciDeviceId) OFF(nvmlPciInfo_t, busId)
  OFF(nvmlTemperature_t, temperature)
  OFF(nvmlProcessInfo_t, usedGpuMemory) OFF(nvmlProcessInfo_t, gpuInstanceId) OFF(nvmlProcessInfo_t, computeInstanceId)
  OFF(nvmlFieldValue_t, timestamp) OFF(nvmlFieldValue_t, latencyUsec) OFF(nvmlFieldValue_t, valueType)
  OFF(nvmlFieldValue_t, nvmlReturn) OFF(nvmlFieldValue_t, value)
  OFF(nvmlEventData_t, eventType) OFF(nvmlEventData_t, eventData) OFF(nvmlEventData_t, gpuInstanceId)
  OFF(nvmlEventData_t, computeInstanceId)
  if (strcmp(name, "nvmlMemory_v2") == 0) return (long)nvmlMemory_v2;
  if (strcmp(name, "nvmlTemperature_v1") == 0) return (long)nvmlTemperature_v1;
  return -1;
#undef SIZE
#undef OFF
}

/* How often the agent called `call` on GPU `gpu` since the last configure. */
long fake_nvml_call_count(int gpu, const char *call);

/* ---- helpers ---- */
static const char *CALLS[] = {"name", "uuid", "pci", "minor", "utilization", "memory", "temperature",
                              "power", "power_limit", "clocks", "clock_events", "energy", "ecc",
                              "pcie_replay", "processes", "mig", "fields", "gpm", NULL};

static int callIndex(const char *call) {
  for (int i = 0; CALLS[i] != NULL; i++)
    if (strcmp(CALLS[i], call) == 0) return i;
  return 31;
}

long fake_nvml_call_count(int gpu, const char *call) {
  if (gpu < 0 || gpu >= MAX_GPUS) return -1;
  pthread_mutex_lock(&lock);
  long n = callCounts[gpu][callIndex(call)];
  pthread_mutex_unlock(&lock);
  return n;
}

static double seconds(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - startTime.tv_sec) + (now.tv_nsec - startTime.tv_nsec) / 1e9;
}

static int unsupported(const char *call) {
  char needle[72];
  snprintf(needle, sizeof(needle), ",%s,", call);
  return strstr(sc.unsupported, needle) != NULL;
}

/* A field listed in field_errors= fails inside nvmlDeviceGetFieldValues, its own call still works. */
static int fieldError(const char *field) {
  char needle[72];
  snprintf(needle, sizeof(needle), ",%s,", field);
  return strstr(sc.fieldErrors, needle) != NULL;
}

static int sleepUntilReleased(void) {
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += sc.hangMs / 1000;
  until.tv_nsec += (long)(sc.hangMs % 1000) * 1000000L;
  if (until.tv_nsec >= 1000000000L) { until.tv_sec++; until.tv_nsec -= 1000000000L; }
  pthread_mutex_lock(&lock);
  while (!hangReleased) {
    if (pthread_cond_timedwait(&wake, &lock, &until) != 0) break;
  }
  pthread_mutex_unlock(&lock);
  return 0;
}

/*
 * Common entry of every per-device call: checks init and the handle, counts the call, applies the
 * scenario's lost GPU, hang and not-supported list. Returns NVML_SUCCESS when the call may answer.
 */
static nvmlReturn_t enter(nvmlDevice_t d, const char *call) {
  if (initCount == 0) return NVML_ERROR_UNINITIALIZED;
  if (d == NULL || d->gpu < 0 || d->gpu >= sc.gpus) return NVML_ERROR_INVALID_ARGUMENT;
  pthread_mutex_lock(&lock);
  callCounts[d->gpu][callIndex(call)]++;
  pthread_mutex_unlock(&lock);
  if (d->gpu == sc.lostGpu) return NVML_ERROR_GPU_IS_LOST;
  if (d->gpu == sc.hangGpu && strcmp(call, sc.hangCall) == 0) sleepUntilReleased();
  if (unsupported(call)) return NVML_ERROR_NOT_SUPPORTED;
  return NVML_SUCCESS;
}

static int copyString(char *dst, unsigned int len, const char *src) {
  if (strlen(src) + 1 > len) return NVML_ERROR_INSUFFICIENT_SIZE;
  strcpy(dst, src);
  return NVML_SUCCESS;
}

/* Slow drift of a training job: period 5 minutes, phase shifted per GPU. */
static double wave(int gpu) {
  if (!sc.vary) return 0.0;
  return sin(2.0 * M_PI * seconds() / 300.0 + gpu);
}

/*
 * Runtime control from another process (scenario key control=PATH, else FAKE_NVML_CONTROL_FILE): a key=value file re-read whenever
 * its modification time or size changes. `gpu.I.util=N` pins GPU I's utilisation to N percent;
 * a line removed from the file gives the GPU back to the scenario. Bad lines are reported on
 * stderr and skipped; the other lines still apply.
 */
static int controlUtil[MAX_GPUS];
static struct timespec controlMtime;
static off_t controlSize = -1;

static void resetControlLocked(void) {
  for (int i = 0; i < MAX_GPUS; i++) controlUtil[i] = -1;
  controlSize = -1;
  controlMtime.tv_sec = 0;
  controlMtime.tv_nsec = 0;
}

static void readControlLocked(void) {
  const char *path = sc.control[0] != '\0' ? sc.control : getenv("FAKE_NVML_CONTROL_FILE");
  if (path == NULL || path[0] == '\0') return;
  struct stat st;
  if (stat(path, &st) != 0) {
    if (controlSize != -1) {
      for (int i = 0; i < MAX_GPUS; i++) controlUtil[i] = -1;
      controlSize = -1;
    }
    return;
  }
  if (st.st_mtim.tv_sec == controlMtime.tv_sec && st.st_mtim.tv_nsec == controlMtime.tv_nsec
      && st.st_size == controlSize) {
    return;
  }
  FILE *f = fopen(path, "r");
  if (f == NULL) return;
  int util[MAX_GPUS];
  for (int i = 0; i < MAX_GPUS; i++) util[i] = -1;
  char line[256];
  int lineNo = 0;
  while (fgets(line, sizeof(line), f) != NULL) {
    lineNo++;
    char *p = line;
    while (*p == ' ' || *p == '\t') p++;
    if (*p == '#' || *p == '\n' || *p == '\0') continue;
    int gpu, value;
    char rest[8];
    if (sscanf(p, "gpu.%d.util=%d%7s", &gpu, &value, rest) == 2 && gpu >= 0 && gpu < MAX_GPUS
        && value >= 0 && value <= 100) {
      util[gpu] = value;
    } else {
      fprintf(stderr, "fake_nvml: %s line %d: expected gpu.I.util=N (I 0..%d, N 0..100): %s", path,
              lineNo, MAX_GPUS - 1, line);
    }
  }
  fclose(f);
  memcpy(controlUtil, util, sizeof(util));
  controlMtime = st.st_mtim;
  controlSize = st.st_size;
}

static int controlledUtil(int g) {
  pthread_mutex_lock(&lock);
  readControlLocked();
  int u = controlUtil[g];
  pthread_mutex_unlock(&lock);
  return u;
}

static unsigned int utilGpu(int g) {
  int pinned = controlledUtil(g);
  if (pinned >= 0) return (unsigned int)pinned;
  double u = 80 + g + 15 * wave(g);
  return u > 100 ? 100 : (unsigned int)u;
}
static unsigned long long memUsedMib(int g) { return 60000 + 100ULL * g + (unsigned long long)(2000 * (1 + wave(g))); }
/* 590-694 W for GPUs 0-7: below the 700 W limit, as the power controller keeps it. */
static unsigned int powerMw(int g) { return 590000 + 2000U * g + (unsigned int)(45000 * (1 + wave(g))); }

/* ---- NVML: init and system ---- */
nvmlReturn_t nvmlInit_v2(void) {
  pthread_mutex_lock(&lock);
  if (!configured) {
    defaults(&sc);
    if (apply(&sc, getenv("FAKE_NVML_SCENARIO")) != 0) {
      fprintf(stderr, "fake_nvml: bad FAKE_NVML_SCENARIO '%s'\n", getenv("FAKE_NVML_SCENARIO"));
      pthread_mutex_unlock(&lock);
      return NVML_ERROR_UNKNOWN;
    }
    configured = 1;
  }
  if (initCount++ == 0) clock_gettime(CLOCK_MONOTONIC, &startTime);
  if (initCount == 1) resetControlLocked();
  for (int i = 0; i < MAX_GPUS; i++) {
    devices[i].gpu = i;
    devices[i].migSlot = -1;
    for (int s = 0; s < MIG_SLOTS; s++) {
      migDevices[i][s].gpu = i;
      migDevices[i][s].migSlot = s;
    }
  }
  if (sc.xidGpu >= 0) {
    pendingXidGpu = sc.xidGpu;
    pendingXid = sc.xidCode;
  }
  pthread_mutex_unlock(&lock);
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlShutdown(void) {
  pthread_mutex_lock(&lock);
  if (initCount > 0) initCount--;
  pthread_mutex_unlock(&lock);
  return NVML_SUCCESS;
}

const char *nvmlErrorString(nvmlReturn_t r) {
  switch (r) {
    case NVML_SUCCESS: return "Success";
    case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
    case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
    case NVML_ERROR_TIMEOUT: return "Timeout";
    default: return "Unknown Error";
  }
}

nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
  if (initCount == 0) return NVML_ERROR_UNINITIALIZED;
  return copyString(version, length, "590.48.01");
}

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
  if (initCount == 0) return NVML_ERROR_UNINITIALIZED;
  *count = (unsigned int)sc.gpus;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
  if (initCount == 0) return NVML_ERROR_UNINITIALIZED;
  if (index >= (unsigned int)sc.gpus) return NVML_ERROR_INVALID_ARGUMENT;
  *device = &devices[index];
  return NVML_SUCCESS;
}

/* ---- NVML: identity ---- */
nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t d, char *name, unsigned int length) {
  nvmlReturn_t r = enter(d, "name");
  if (r != NVML_SUCCESS) return r;
  if (d->migSlot >= 0) {
    static const char *MIG_NAMES[MIG_SLOTS] = {"NVIDIA H100 80GB HBM3 MIG 3g.40gb", "",
                                               "NVIDIA H100 80GB HBM3 MIG 2g.20gb",
                                               "NVIDIA H100 80GB HBM3 MIG 1g.10gb", "", "", ""};
    return copyString(name, length, MIG_NAMES[d->migSlot]);
  }
  return copyString(name, length, "NVIDIA H100 80GB HBM3");
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t d, char *uuid, unsigned int length) {
  nvmlReturn_t r = enter(d, "uuid");
  if (r != NVML_SUCCESS) return r;
  char buf[96];
  if (d->migSlot >= 0)
    snprintf(buf, sizeof(buf), "MIG-7e1c5d20-%04x-5a6b-9c0d-%012x", d->gpu, d->migSlot);
  else
    snprintf(buf, sizeof(buf), "GPU-3f2a8b10-%04x-4c5d-8e9f-%012x", d->gpu, 0xa0b0c0 + d->gpu);
  return copyString(uuid, length, buf);
}

nvmlReturn_t nvmlDeviceGetMinorNumber(nvmlDevice_t d, unsigned int *minor) {
  nvmlReturn_t r = enter(d, "minor");
  if (r != NVML_SUCCESS) return r;
  *minor = (unsigned int)d->gpu;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t d, nvmlPciInfo_t *pci) {
  nvmlReturn_t r = enter(d, "pci");
  if (r != NVML_SUCCESS) return r;
  unsigned int bus = d->gpu < 8 ? DGX_BUS[d->gpu] : 0x10 + (unsigned int)d->gpu;
  memset(pci, 0, sizeof(*pci));
  pci->domain = 0;
  pci->bus = bus;
  pci->device = 0;
  pci->pciDeviceId = 0x233010DE;
  pci->pciSubSystemId = 0x16C110DE;
  snprintf(pci->busIdLegacy, sizeof(pci->busIdLegacy), "%04X:%02X:%02X.0", 0, bus, 0);
  snprintf(pci->busId, sizeof(pci->busId), "%08X:%02X:%02X.0", 0, bus, 0);
  return NVML_SUCCESS;
}

/* ---- NVML: readings ---- */
nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t d, nvmlUtilization_t *u) {
  nvmlReturn_t r = enter(d, "utilization");
  if (r != NVML_SUCCESS) return r;
  if (d->gpu == sc.migGpu) return NVML_ERROR_NOT_SUPPORTED; /* as on real MIG-enabled GPUs */
  u->gpu = utilGpu(d->gpu);
  u->memory = 30 + (unsigned int)d->gpu + (unsigned int)(10 * (1 + wave(d->gpu)));
  return NVML_SUCCESS;
}

static void memoryOf(nvmlDevice_t d, unsigned long long *total, unsigned long long *reserved,
                     unsigned long long *used) {
  if (d->migSlot >= 0) {
    *total = MIG_TOTAL_MIB[d->migSlot] * MIB;
    *reserved = 0;
    *used = MIG_USED_MIB[d->migSlot] * MIB;
  } else if (d->gpu == sc.migGpu) {
    *total = 81559 * MIB;
    *reserved = 479 * MIB;
    *used = 11125 * MIB;
  } else {
    *total = 81559 * MIB;
    *reserved = 479 * MIB;
    *used = memUsedMib(d->gpu) * MIB;
  }
}

nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t d, nvmlMemory_t *m) {
  nvmlReturn_t r = enter(d, "memory");
  if (r != NVML_SUCCESS) return r;
  unsigned long long total, reserved, used;
  memoryOf(d, &total, &reserved, &used);
  m->total = total;
  m->used = used + reserved; /* v1 counts driver-reserved memory as used */
  m->free = total - used - reserved;
  return NVML_SUCCESS;
}

#ifndef NO_MEMINFO_V2
nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t d, nvmlMemory_v2_t *m) {
  nvmlReturn_t r = enter(d, "memory");
  if (r != NVML_SUCCESS) return r;
  if (m->version != nvmlMemory_v2) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
  unsigned long long total, reserved, used;
  memoryOf(d, &total, &reserved, &used);
  m->total = total;
  m->reserved = reserved;
  m->used = used;
  m->free = total - used - reserved;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTemperatureV(nvmlDevice_t d, nvmlTemperature_t *t) {
  nvmlReturn_t r = enter(d, "temperature");
  if (r != NVML_SUCCESS) return r;
  if (t->version != nvmlTemperature_v1) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
  if (t->sensorType != 0) return NVML_ERROR_INVALID_ARGUMENT;
  t->temperature = 50 + d->gpu + (int)(5 * wave(d->gpu));
  return NVML_SUCCESS;
}
#endif

nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t d, int sensor, unsigned int *temp) {
  nvmlReturn_t r = enter(d, "temperature");
  if (r != NVML_SUCCESS) return r;
  if (sensor != 0) return NVML_ERROR_INVALID_ARGUMENT;
  *temp = (unsigned int)(50 + d->gpu + (int)(5 * wave(d->gpu)));
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int *power) {
  nvmlReturn_t r = enter(d, "power");
  if (r != NVML_SUCCESS) return r;
  *power = powerMw(d->gpu);
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t d, unsigned int *limit) {
  nvmlReturn_t r = enter(d, "power_limit");
  if (r != NVML_SUCCESS) return r;
  *limit = 700000;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t d, int type, unsigned int *clock) {
  nvmlReturn_t r = enter(d, "clocks");
  if (r != NVML_SUCCESS) return r;
  switch (type) {
    case 0: case 1: *clock = 1980; return NVML_SUCCESS; /* graphics, SM */
    case 2: *clock = 2619; return NVML_SUCCESS;         /* memory */
    case 3: *clock = 1545; return NVML_SUCCESS;         /* video */
    default: return NVML_ERROR_INVALID_ARGUMENT;
  }
}

static unsigned long long clockEvents(int gpu) {
  /* SwPowerCap (0x4) while the drifting power is near the limit, else none. */
  return powerMw(gpu) > 690000 ? 0x4ULL : 0x0ULL;
}

nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t d, unsigned long long *reasons) {
  nvmlReturn_t r = enter(d, "clock_events");
  if (r != NVML_SUCCESS) return r;
  *reasons = clockEvents(d->gpu);
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t d, unsigned long long *reasons) {
  return nvmlDeviceGetCurrentClocksEventReasons(d, reasons);
}

/* Energy since "driver load": a base plus the integral of the drifting power (mW * s = mJ). */
static unsigned long long energyMj(int g) {
  double t = seconds();
  double base = 1.0e9 + 1.0e6 * g;
  double a = 590000 + 2000.0 * g + 45000, b = 45000;
  if (!sc.vary) return (unsigned long long)base; /* frozen: no time passes */
  double w = 2.0 * M_PI / 300.0;
  return (unsigned long long)(base + a * t - b / w * (cos(w * t + g) - cos((double)g)));
}

nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t d, unsigned long long *energy) {
  nvmlReturn_t r = enter(d, "energy");
  if (r != NVML_SUCCESS) return r;
  *energy = energyMj(d->gpu);
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTotalEccErrors(nvmlDevice_t d, int errorType, int counterType,
                                         unsigned long long *count) {
  nvmlReturn_t r = enter(d, "ecc");
  if (r != NVML_SUCCESS) return r;
  if (counterType != 0 && counterType != 1) return NVML_ERROR_INVALID_ARGUMENT;
  *count = errorType == 0 ? (unsigned long long)d->gpu : 0;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPcieReplayCounter(nvmlDevice_t d, unsigned int *value) {
  nvmlReturn_t r = enter(d, "pcie_replay");
  if (r != NVML_SUCCESS) return r;
  *value = 9 + (unsigned int)d->gpu;
  return NVML_SUCCESS;
}

/* Field ids of NVML 13: ECC_SBE_VOL_TOTAL 3, ECC_DBE_VOL_TOTAL 4, TOTAL_ENERGY_CONSUMPTION 83, PCIE_REPLAY_COUNTER 94. */
nvmlReturn_t nvmlDeviceGetFieldValues(nvmlDevice_t d, int count, nvmlFieldValue_t *values) {
  nvmlReturn_t r = enter(d, "fields");
  if (r != NVML_SUCCESS) return r;
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  for (int i = 0; i < count; i++) {
    nvmlFieldValue_t *v = &values[i];
    v->timestamp = (long long)now.tv_sec * 1000000LL + now.tv_nsec / 1000;
    v->latencyUsec = 0;
    v->nvmlReturn = NVML_SUCCESS;
    switch (v->fieldId) {
      case 3: case 4:
        if (fieldError("ecc")) { v->nvmlReturn = NVML_ERROR_UNKNOWN; break; }
        if (unsupported("ecc")) { v->nvmlReturn = NVML_ERROR_NOT_SUPPORTED; break; }
        v->valueType = 3;
        v->value.ullVal = v->fieldId == 3 ? (unsigned long long)d->gpu : 0;
        break;
      case 83:
        if (fieldError("energy")) { v->nvmlReturn = NVML_ERROR_UNKNOWN; break; }
        if (unsupported("energy")) { v->nvmlReturn = NVML_ERROR_NOT_SUPPORTED; break; }
        v->valueType = 3;
        v->value.ullVal = energyMj(d->gpu);
        break;
      case 94:
        if (fieldError("pcie_replay")) { v->nvmlReturn = NVML_ERROR_UNKNOWN; break; }
        if (unsupported("pcie_replay")) { v->nvmlReturn = NVML_ERROR_NOT_SUPPORTED; break; }
        v->valueType = 1;
        v->value.ullVal = 0xDEADBEEF00000000ULL; /* garbage in the unused upper half */
        v->value.uiVal = 9 + (unsigned int)d->gpu;
        break;
      default:
        v->nvmlReturn = NVML_ERROR_NOT_SUPPORTED;
    }
  }
  return NVML_SUCCESS; /* like NVML: success even when single fields failed */
}

/* ---- NVML: processes ---- */
static nvmlReturn_t processes(nvmlDevice_t d, unsigned int *count, void *infos, size_t stride) {
  nvmlReturn_t r = enter(d, "processes");
  if (r != NVML_SUCCESS) return r;
  unsigned int n = (unsigned int)sc.processes;
  if (*count < n || (n > 0 && infos == NULL)) {
    *count = n;
    return n == 0 ? NVML_SUCCESS : NVML_ERROR_INSUFFICIENT_SIZE;
  }
  for (unsigned int i = 0; i < n; i++) {
    nvmlProcessInfo_t *p = (nvmlProcessInfo_t *)((char *)infos + i * stride);
    p->pid = sc.pidBase + 100 * (unsigned int)d->gpu + i;
    p->usedGpuMemory = (1024ULL + 512ULL * i) * MIB;
    p->gpuInstanceId = d->gpu == sc.migGpu ? 2 : 0xFFFFFFFFu;
    p->computeInstanceId = d->gpu == sc.migGpu ? 0 : 0xFFFFFFFFu;
    if (stride == sizeof(nvmlProcessInfo_r535_t))
      ((nvmlProcessInfo_r535_t *)p)->usedGpuCcProtectedMemory = 0;
  }
  *count = n;
  return NVML_SUCCESS;
}

#ifdef R535_PROCESS
nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t d, unsigned int *count, void *infos) {
  return processes(d, count, infos, sizeof(nvmlProcessInfo_r535_t));
}
nvmlReturn_t nvmlDeviceGetConfComputeMemSizeInfo(nvmlDevice_t d, void *info) {
  (void)d; (void)info;
  return NVML_ERROR_NOT_SUPPORTED;
}
#else
nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t d, unsigned int *count, void *infos) {
  return processes(d, count, infos, sizeof(nvmlProcessInfo_t));
}
nvmlReturn_t nvmlDeviceGetConfComputeMemSizeInfo(nvmlDevice_t d, void *info) {
  (void)d; (void)info;
  return NVML_ERROR_NOT_SUPPORTED;
}
nvmlReturn_t nvmlDeviceGetRunningProcessDetailList(nvmlDevice_t d, void *plist) {
  (void)d; (void)plist;
  return NVML_ERROR_NOT_SUPPORTED;
}
#endif

/* ---- NVML: MIG ---- */
nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t d, unsigned int *current, unsigned int *pending) {
  nvmlReturn_t r = enter(d, "mig");
  if (r != NVML_SUCCESS) return r;
  *current = *pending = d->gpu == sc.migGpu ? 1 : 0;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetMaxMigDeviceCount(nvmlDevice_t d, unsigned int *count) {
  nvmlReturn_t r = enter(d, "mig");
  if (r != NVML_SUCCESS) return r;
  *count = d->gpu == sc.migGpu ? MIG_SLOTS : 0;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetMigDeviceHandleByIndex(nvmlDevice_t d, unsigned int index, nvmlDevice_t *mig) {
  nvmlReturn_t r = enter(d, "mig");
  if (r != NVML_SUCCESS) return r;
  if (d->gpu != sc.migGpu || d->migSlot >= 0) return NVML_ERROR_INVALID_ARGUMENT;
  if (index >= MIG_SLOTS) return NVML_ERROR_INVALID_ARGUMENT;
  if (MIG_TOTAL_MIB[index] == 0) return NVML_ERROR_NOT_FOUND;
  *mig = &migDevices[d->gpu][index];
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetGpuInstanceId(nvmlDevice_t d, unsigned int *id) {
  nvmlReturn_t r = enter(d, "mig");
  if (r != NVML_SUCCESS) return r;
  if (d->migSlot < 0) return NVML_ERROR_INVALID_ARGUMENT;
  *id = MIG_GI[d->migSlot];
  return NVML_SUCCESS;
}

/* ---- NVML: GPM (profiling metrics, Hopper and later) ---- */
#ifndef NO_GPM
/* A sample records which GPU (and GPU instance, -1 for the whole GPU) it was taken on, and when. */
struct fake_gpm_sample {
  unsigned int magic;
  int gpu;
  int gi;
  unsigned long long seq; /* 0: never filled */
};
#define GPM_MAGIC 0x47504D31u
static unsigned long long gpmSeq;
static long gpmLive;

static int hasGpm(int gpu) {
  if (unsupported("gpm")) return 0;
  char needle[16];
  snprintf(needle, sizeof(needle), ",%d,", gpu);
  return strstr(sc.noGpm, needle) == NULL;
}

nvmlReturn_t nvmlGpmQueryDeviceSupport(nvmlDevice_t d, nvmlGpmSupport_t *support) {
  if (initCount == 0) return NVML_ERROR_UNINITIALIZED;
  if (d == NULL || d->gpu < 0 || d->gpu >= sc.gpus) return NVML_ERROR_INVALID_ARGUMENT;
  pthread_mutex_lock(&lock);
  callCounts[d->gpu][callIndex("gpm")]++;
  pthread_mutex_unlock(&lock);
  if (d->gpu == sc.lostGpu) return NVML_ERROR_GPU_IS_LOST;
  if (support == NULL) return NVML_ERROR_INVALID_ARGUMENT;
  if (support->version != NVML_GPM_SUPPORT_VERSION) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
  /* like NVML on a pre-Hopper GPU: the query succeeds and says "no" */
  support->isSupportedDevice = hasGpm(d->gpu) ? 1 : 0;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlGpmSampleAlloc(nvmlGpmSample_t *sample) {
  if (initCount == 0) return NVML_ERROR_UNINITIALIZED;
  if (sample == NULL) return NVML_ERROR_INVALID_ARGUMENT;
  *sample = calloc(1, sizeof(struct fake_gpm_sample));
  if (*sample == NULL) return NVML_ERROR_UNKNOWN;
  (*sample)->magic = GPM_MAGIC;
  pthread_mutex_lock(&lock);
  gpmLive++;
  pthread_mutex_unlock(&lock);
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlGpmSampleFree(nvmlGpmSample_t sample) {
  if (sample == NULL || sample->magic != GPM_MAGIC) return NVML_ERROR_INVALID_ARGUMENT;
  sample->magic = 0;
  free(sample);
  pthread_mutex_lock(&lock);
  gpmLive--;
  pthread_mutex_unlock(&lock);
  return NVML_SUCCESS;
}

static nvmlReturn_t takeSample(nvmlDevice_t d, int gi, nvmlGpmSample_t sample) {
  nvmlReturn_t r = enter(d, "gpm");
  if (r != NVML_SUCCESS) return r;
  if (!hasGpm(d->gpu)) return NVML_ERROR_NOT_SUPPORTED;
  if (sample == NULL || sample->magic != GPM_MAGIC) return NVML_ERROR_INVALID_ARGUMENT;
  pthread_mutex_lock(&lock);
  sample->gpu = d->gpu;
  sample->gi = gi;
  sample->seq = ++gpmSeq;
  pthread_mutex_unlock(&lock);
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlGpmSampleGet(nvmlDevice_t d, nvmlGpmSample_t sample) {
  if (d != NULL && d->migSlot >= 0) return NVML_ERROR_INVALID_ARGUMENT; /* MIG devices use the Mig call */
  return takeSample(d, -1, sample);
}

nvmlReturn_t nvmlGpmMigSampleGet(nvmlDevice_t d, unsigned int gpuInstanceId, nvmlGpmSample_t sample) {
  if (d == NULL || d->migSlot >= 0 || d->gpu != sc.migGpu) return NVML_ERROR_INVALID_ARGUMENT;
  for (int s = 0; s < MIG_SLOTS; s++)
    if (MIG_TOTAL_MIB[s] != 0 && MIG_GI[s] == gpuInstanceId) return takeSample(d, (int)gpuInstanceId, sample);
  return NVML_ERROR_NOT_FOUND;
}

/*
 * Deterministic metric values: percentages base + GPU index (+ GPU instance id on MIG), throughput
 * in MiB/s base + GPU index; ids outside this list answer NOT_SUPPORTED per metric.
 */
static int gpmValue(unsigned int id, int gpu, int gi, double *value) {
  double offset = gpu + (gi >= 0 ? gi : 0);
  switch (id) {
    case 1: *value = 70 + offset; return 1;     /* GRAPHICS_UTIL % */
    case 2: *value = 40 + offset; return 1;     /* SM_UTIL % */
    case 3: *value = 25 + offset; return 1;     /* SM_OCCUPANCY % */
    case 5: *value = 30 + offset; return 1;     /* ANY_TENSOR_UTIL % */
    case 10: *value = 50 + offset; return 1;    /* DRAM_BW_UTIL % */
    case 11: *value = 1 + offset; return 1;     /* FP64_UTIL % */
    case 12: *value = 10 + offset; return 1;    /* FP32_UTIL % */
    case 13: *value = 5 + offset; return 1;     /* FP16_UTIL % */
    case 20: *value = 1000 + offset; return 1;  /* PCIE_TX_PER_SEC MiB/s */
    case 21: *value = 2000 + offset; return 1;  /* PCIE_RX_PER_SEC MiB/s */
    case 60: *value = 30000 + offset; return 1; /* NVLINK_TOTAL_RX_PER_SEC MiB/s */
    case 61: *value = 40000 + offset; return 1; /* NVLINK_TOTAL_TX_PER_SEC MiB/s */
    default: return 0;
  }
}

long fake_nvml_gpm_samples_live(void) {
  pthread_mutex_lock(&lock);
  long n = gpmLive;
  pthread_mutex_unlock(&lock);
  return n;
}

nvmlReturn_t nvmlGpmMetricsGet(nvmlGpmMetricsGet_t *get) {
  if (initCount == 0) return NVML_ERROR_UNINITIALIZED;
  if (get == NULL) return NVML_ERROR_INVALID_ARGUMENT;
  if (get->version != NVML_GPM_METRICS_GET_VERSION) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
  nvmlGpmSample_t a = get->sample1, b = get->sample2;
  if (get->numMetrics == 0 || get->numMetrics > NVML_GPM_METRIC_MAX) return NVML_ERROR_INVALID_ARGUMENT;
  if (a == NULL || b == NULL || a->magic != GPM_MAGIC || b->magic != GPM_MAGIC) return NVML_ERROR_INVALID_ARGUMENT;
  /* two filled samples of the same GPU (instance), the second taken later */
  if (a->seq == 0 || b->seq <= a->seq || a->gpu != b->gpu || a->gi != b->gi) return NVML_ERROR_INVALID_ARGUMENT;
  if (a->gpu == sc.lostGpu) return NVML_ERROR_GPU_IS_LOST;
  for (unsigned int i = 0; i < get->numMetrics; i++) {
    nvmlGpmMetric_t *m = &get->metrics[i];
    m->metricInfo.shortName = m->metricInfo.longName = m->metricInfo.unit = NULL;
    m->nvmlReturn = gpmValue(m->metricId, a->gpu, a->gi, &m->value) ? NVML_SUCCESS : NVML_ERROR_NOT_SUPPORTED;
  }
  return NVML_SUCCESS;
}
#else
long fake_nvml_gpm_samples_live(void) { return 0; }
#endif

/* ---- NVML: events ---- */
nvmlReturn_t nvmlEventSetCreate(nvmlEventSet_t *set) {
  if (initCount == 0) return NVML_ERROR_UNINITIALIZED;
  *set = calloc(1, sizeof(struct fake_event_set));
  return *set == NULL ? NVML_ERROR_UNKNOWN : NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetSupportedEventTypes(nvmlDevice_t d, unsigned long long *types) {
  nvmlReturn_t r = enter(d, "events");
  if (r != NVML_SUCCESS) return r;
  *types = 0x1 | 0x2 | 0x4 | 0x8; /* ECC single/double bit, PState, Xid */
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceRegisterEvents(nvmlDevice_t d, unsigned long long types, nvmlEventSet_t set) {
  nvmlReturn_t r = enter(d, "events");
  if (r != NVML_SUCCESS) return r;
  if (set == NULL) return NVML_ERROR_INVALID_ARGUMENT;
  pthread_mutex_lock(&lock);
  set->registered[d->gpu] |= types;
  pthread_mutex_unlock(&lock);
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlEventSetWait_v2(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutms) {
  if (initCount == 0) return NVML_ERROR_UNINITIALIZED;
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += timeoutms / 1000;
  until.tv_nsec += (long)(timeoutms % 1000) * 1000000L;
  if (until.tv_nsec >= 1000000000L) { until.tv_sec++; until.tv_nsec -= 1000000000L; }
  pthread_mutex_lock(&lock);
  for (;;) {
    int g = pendingXidGpu;
    if (g >= 0 && g < MAX_GPUS && (set->registered[g] & 0x8)) {
      data->device = &devices[g];
      data->eventType = 0x8;
      data->eventData = pendingXid;
      data->gpuInstanceId = 0xFFFFFFFFu;
      data->computeInstanceId = 0xFFFFFFFFu;
      pendingXidGpu = -1;
      pthread_mutex_unlock(&lock);
      return NVML_SUCCESS;
    }
    if (pthread_cond_timedwait(&wake, &lock, &until) != 0) break;
  }
  pthread_mutex_unlock(&lock);
  return NVML_ERROR_TIMEOUT;
}

nvmlReturn_t nvmlEventSetFree(nvmlEventSet_t set) {
  free(set);
  return NVML_SUCCESS;
}
