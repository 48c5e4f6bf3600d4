package io.clusterwatch.agent.gpu.nvml;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines the {@link NvmlDirectBindings} classes itself, from the same class files, instead of
 * asking its parent: each instance gives one library its own copies of the binding classes to
 * register their native methods with (a class's native methods can be bound to one library only).
 * Every other class comes from the parent, so the copies implement the parent's {@link
 * NvmlCallShapes}.
 */
final class NvmlBindingClassLoader extends ClassLoader {
  private static final String BINDINGS = NvmlDirectBindings.class.getName() + "$";

  NvmlBindingClassLoader(ClassLoader parent) {
    super(parent);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(BINDINGS)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = define(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private Class<?> define(String name) throws ClassNotFoundException {
    String resource = name.replace('.', '/') + ".class";
    try (InputStream in = getParent().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ClassNotFoundException(name + ": no class file " + resource);
      }
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new ClassNotFoundException(name + ": cannot read " + resource, e);
    }
  }
}
