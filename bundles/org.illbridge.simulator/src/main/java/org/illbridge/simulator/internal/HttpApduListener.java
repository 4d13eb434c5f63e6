package org.illbridge.simulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ISO 10161 over HTTP (Alma, seed 001: "[Alma domain]/view/iso-ill"): one BER APDU per POST
 * body. 200 when taken, 400 when unreadable, 503 during a down period.
 */
final class HttpApduListener implements ApduListener {
  private final PartnerRuntime owner;
  private final PartnerSettings settings;
  private final Handler handler;
  private HttpServer server;
  private ExecutorService executor;

  HttpApduListener(PartnerRuntime owner, PartnerSettings settings, Handler handler) {
    this.owner = owner;
    this.settings = settings;
    this.handler = handler;
  }

  @Override
  public void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.listenHost()),
        settings.listenPort()), 50);
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "simulator-" + settings.symbol() + "-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext(settings.listenPath(), this::exchange);
    server.start();
  }

  private void exchange(HttpExchange ex) throws IOException {
    try {
      if (owner.isDown()) {
        ex.sendResponseHeaders(503, -1);
        return;
      }
      if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
        ex.getResponseHeaders().add("Allow", "POST");
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = HttpBodies.read(ex.getRequestBody(), owner.berCodec.maxApduSize());
      if (body == null) {
        ex.sendResponseHeaders(413, -1);
        return;
      }
      owner.fromBridge(body, System.nanoTime());
      ex.sendResponseHeaders(handler.onApdu(body) ? 200 : 400, -1);
    } finally {
      ex.close();
    }
  }

  @Override
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public String describe() {
    return "http://" + settings.listenHost() + ":" + port() + settings.listenPath();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
