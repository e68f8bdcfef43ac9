package io.datomize.examples.sql;

import io.datomize.examples.sql.ScriptLexer.MetaCommand;
import io.datomize.examples.sql.ScriptLexer.ScriptSyntaxException;
import io.datomize.examples.sql.ScriptLexer.Statement;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a psql script, such as a {@code pg_dump} plain dump, over JDBC, for machines without psql.
 *
 * <p>What psql would do, it does: statements are split on semicolons outside strings, dollar-quoted
 * bodies, comments and parentheses; {@code COPY ... FROM stdin} data up to the {@code \.} line goes
 * through pgjdbc's copy API; {@code \c dbname} (or {@code \connect}) continues in another database
 * of the same server; {@code SET client_encoding = '...'} decodes the rest of the file in that
 * encoding (the connection itself stays UTF-8, as pgjdbc requires); {@code BEGIN}/{@code COMMIT}
 * are sent as they are; {@code \i FILE} (or {@code \include}) runs another script, relative to the
 * working directory, and {@code \ir FILE} (or {@code \include_relative}) relative to the directory
 * of the script it is in, nested. {@code \echo}, {@code \set}, {@code \pset} and {@code \timing}
 * only change what psql prints or its variables, so they are skipped with a note in the log and in
 * {@link ScriptResult#notes()}. Any other backslash command is an error naming its line. The script
 * stops at the first failing statement.
 */
public final class SqlScript {
  private static final Logger LOG = LoggerFactory.getLogger(SqlScript.class);

  private static final Pattern COPY_FROM_STDIN =
      Pattern.compile("(?is)COPY\\s.*\\sFROM\\s+STDIN\\b.*");
  private static final Pattern SET_CLIENT_ENCODING =
      Pattern.compile(
          "(?is)SET\\s+(?:SESSION\\s+)?client_encoding\\s*(?:=|TO)\\s*'?([A-Za-z0-9_-]+)'?");
  private static final Pattern SET_STANDARD_STRINGS =
      Pattern.compile(
          "(?is)SET\\s+(?:SESSION\\s+)?standard_conforming_strings\\s*(?:=|TO)\\s*'?(on|off)'?");

  /** PostgreSQL's names of the client encodings a dump may declare, and their Java charsets. */
  private static final Map<String, String> ENCODINGS =
      Map.of(
          "UTF8",
          "UTF-8",
          "UNICODE",
          "UTF-8",
          "LATIN1",
          "ISO-8859-1",
          "LATIN9",
          "ISO-8859-15",
          "WIN1252",
          "windows-1252",
          "SQLASCII",
          "ISO-8859-1");

  private static final int COPY_CHUNK = 64 * 1024;
  private static final Pattern JDBC_URL =
      Pattern.compile("(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?");

  /** Opens a connection to a database of the server the script runs on, by the database's name. */
  @FunctionalInterface
  public interface Connector {
    Connection connect(String database) throws SQLException;

    /**
     * Connects to the databases of the server {@code url} ({@code
     * jdbc:postgresql://host:port/db?params}) names, with the same parameters and credentials.
     */
    static Connector sameServerAs(String url, String user, String password) {
      Matcher parts = JDBC_URL.matcher(url);
      if (!parts.matches()) {
        // the URL is not shown: it may hold a password
        throw new IllegalArgumentException(
            "expected jdbc:postgresql://host[:port]/database[?parameters]");
      }
      Properties credentials = new Properties();
      if (user != null) {
        credentials.setProperty("user", user);
      }
      if (password != null) {
        credentials.setProperty("password", password);
      }
      return database ->
          DriverManager.getConnection(
              parts.group(1)
                  + URLEncoder.encode(database, StandardCharsets.UTF_8)
                  + (parts.group(3) == null ? "" : parts.group(3)),
              credentials);
    }
  }

  /** A script that includes itself stops here instead of overflowing the stack. */
  private static final int MAX_INCLUDE_DEPTH = 16;

  private static final Set<String> SKIPPED = Set.of("echo", "set", "pset", "timing");

  private final Connector connector;
  private final List<String> notes = new ArrayList<>();

  /**
   * The script being read, an included one while it runs, and its directory (null when it is not a
   * file).
   */
  private ScriptLexer lexer;

  private Path directory;
  private int depth;
  private String database;
  private Connection connection;
  private long statements;
  private long copiedRows;

  private SqlScript(Connector connector, String database) {
    this.connector = connector;
    this.database = database;
  }

  /**
   * Runs a script file, read as UTF-8 until it says otherwise.
   *
   * @param database the database the script starts in
   * @param connector opens connections to databases of the server; each connection is closed when
   *     the script leaves it
   */
  public static ScriptResult run(Path file, String database, Connector connector) {
    try (InputStream in = Files.newInputStream(file)) {
      return run(in, file.toString(), file.toAbsolutePath().getParent(), database, connector);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SQL script " + file, e);
    }
  }

  /**
   * Runs a script read from {@code in}; {@code source} names it in errors. Its {@code \ir} includes
   * are relative to the working directory, as it is not a file.
   */
  public static ScriptResult run(
      InputStream in, String source, String database, Connector connector) {
    return run(in, source, null, database, connector);
  }

  private static ScriptResult run(
      InputStream in, String source, Path directory, String database, Connector connector) {
    SqlScript script = new SqlScript(connector, database);
    try {
      script.connect(database, source, 1);
      script.runAll(
          new ScriptLexer(new BufferedInputStream(in, COPY_CHUNK), source, StandardCharsets.UTF_8),
          directory);
    } finally {
      script.closeConnection();
    }
    LOG.info(
        "{}: {} statements, {} rows copied, ended in database {}",
        source,
        script.statements,
        script.copiedRows,
        script.database);
    return new ScriptResult(script.statements, script.copiedRows, script.database, script.notes);
  }

  private void runAll(ScriptLexer script, Path scriptDirectory) {
    ScriptLexer outer = lexer;
    Path outerDirectory = directory;
    lexer = script;
    directory = scriptDirectory;
    int line = 0;
    try {
      for (ScriptLexer.Item item = lexer.next(); item != null; item = lexer.next()) {
        line = item.line();
        if (item instanceof MetaCommand command) {
          metaCommand(command);
        } else {
          statement((Statement) item);
        }
      }
    } catch (ScriptSyntaxException e) {
      throw new SqlScriptException(lexer.source(), e.line(), e.getMessage(), null);
    } catch (IOException e) {
      throw new SqlScriptException(
          lexer.source(), line, "cannot read the script: " + e.getMessage(), e);
    } finally {
      lexer = outer;
      directory = outerDirectory;
    }
  }

  private void statement(Statement statement) throws IOException {
    String sql = statement.sql();
    Matcher encoding = SET_CLIENT_ENCODING.matcher(sql);
    if (encoding.matches()) {
      // pgjdbc refuses any client encoding but UTF-8, so the script is decoded here instead
      lexer.charset(charset(encoding.group(1), statement.line()));
      return;
    }
    Matcher strings = SET_STANDARD_STRINGS.matcher(sql);
    if (strings.matches()) {
      lexer.standardConformingStrings(strings.group(1).equalsIgnoreCase("on"));
    }
    if (COPY_FROM_STDIN.matcher(sql).matches()) {
      copy(statement);
      return;
    }
    try (java.sql.Statement jdbc = connection.createStatement()) {
      jdbc.execute(sql);
      statements++;
    } catch (SQLException e) {
      throw failed(statement, e);
    }
  }

  private void copy(Statement statement) throws IOException {
    CopyIn copy;
    try {
      copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(statement.sql());
    } catch (SQLException e) {
      throw failed(statement, e);
    }
    ByteArrayOutputStream chunk = new ByteArrayOutputStream(COPY_CHUNK + 1024);
    try {
      lexer.copyData(
          statement.line(),
          data -> {
            chunk.writeBytes(data.getBytes(StandardCharsets.UTF_8));
            chunk.write('\n');
            if (chunk.size() >= COPY_CHUNK) {
              flush(copy, chunk);
            }
          });
      flush(copy, chunk);
      copiedRows += copy.endCopy();
      statements++;
    } catch (SQLException e) {
      cancelQuietly(copy);
      throw failed(statement, e);
    } catch (RuntimeException | IOException e) {
      cancelQuietly(copy);
      throw e;
    }
  }

  private static void flush(CopyIn copy, ByteArrayOutputStream chunk) throws SQLException {
    copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
    chunk.reset();
  }

  private static void cancelQuietly(CopyIn copy) {
    try {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException e) {
      // the server has already given the reason of the failure, which is what the caller needs
      LOG.debug("cancelling a failed COPY: {}", e.getMessage());
    }
  }

  private void metaCommand(MetaCommand command) {
    String name = command.command();
    if (name.equals("c") || name.equals("connect")) {
      String argument = command.argument().replaceAll(";+$", "").strip();
      boolean quoted =
          argument.length() > 1 && argument.startsWith("\"") && argument.endsWith("\"");
      String target =
          quoted ? argument.substring(1, argument.length() - 1).replace("\"\"", "\"") : argument;
      if (target.isEmpty() || !quoted && argument.chars().anyMatch(Character::isWhitespace)) {
        throw new SqlScriptException(
            lexer.source(),
            command.line(),
            "\\"
                + name
                + " "
                + command.argument()
                + ": only \\c <database> is supported (no user, host or port)",
            null);
      }
      closeConnection();
      connect(target, lexer.source(), command.line());
      return;
    }
    switch (name) {
      case "i", "include" -> include(command, false);
      case "ir", "include_relative" -> include(command, true);
      default -> {
        if (!SKIPPED.contains(name)) {
          throw new SqlScriptException(
              lexer.source(),
              command.line(),
              "psql meta-command \\"
                  + name
                  + " is not supported (only \\c <database>, \\i, \\ir and COPY data ended by \\. are; \\echo,"
                  + " \\set, \\pset and \\timing are skipped); remove it or run the script with psql",
              null);
        }
        String note =
            lexer.source()
                + ":"
                + command.line()
                + ": skipped \\"
                + name
                + (command.argument().isEmpty() ? "" : " " + command.argument())
                + ", which only changes psql's output or variables";
        LOG.info("{}", note);
        notes.add(note);
      }
    }
  }

  /** Runs the file a {@code \i} or {@code \ir} names, in the same connection and session. */
  private void include(MetaCommand command, boolean relative) {
    String argument = command.argument();
    boolean quoted = argument.length() > 1 && argument.startsWith("'") && argument.endsWith("'");
    String name =
        quoted ? argument.substring(1, argument.length() - 1).replace("''", "'") : argument;
    if (name.isEmpty()) {
      throw new SqlScriptException(
          lexer.source(),
          command.line(),
          "\\" + command.command() + " needs the name of the file to include",
          null);
    }
    Path base = relative && directory != null ? directory : Path.of("").toAbsolutePath();
    Path file = base.resolve(name).normalize();
    if (!Files.isRegularFile(file)) {
      throw new SqlScriptException(
          lexer.source(),
          command.line(),
          "\\" + command.command() + " " + argument + ": there is no file " + file,
          null);
    }
    if (depth >= MAX_INCLUDE_DEPTH) {
      throw new SqlScriptException(
          lexer.source(),
          command.line(),
          "\\"
              + command.command()
              + " "
              + argument
              + ": includes nest more than "
              + MAX_INCLUDE_DEPTH
              + " deep; does a script include itself?",
          null);
    }
    ScriptLexer outer = lexer;
    depth++;
    try (InputStream in = Files.newInputStream(file)) {
      // encoding and string syntax are session settings, so they carry into the included file and
      // back out of it
      ScriptLexer included =
          new ScriptLexer(
              new BufferedInputStream(in, COPY_CHUNK), file.toString(), outer.charset());
      included.standardConformingStrings(outer.standardConformingStrings());
      runAll(included, file.getParent());
      outer.charset(included.charset());
      outer.standardConformingStrings(included.standardConformingStrings());
    } catch (IOException e) {
      throw new SqlScriptException(
          outer.source(), command.line(), "cannot read " + file + ": " + e.getMessage(), e);
    } finally {
      depth--;
    }
  }

  private void connect(String name, String source, int line) {
    try {
      connection = connector.connect(name);
      connection.setAutoCommit(true);
      database = name;
    } catch (SQLException e) {
      throw new SqlScriptException(
          source, line, "cannot connect to database " + name + ": " + e.getMessage(), e);
    }
  }

  private void closeConnection() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing the connection to database {} failed: {}", database, e.getMessage());
    }
    connection = null;
  }

  private Charset charset(String pgName, int line) {
    String javaName =
        ENCODINGS.get(pgName.toUpperCase(Locale.ROOT).replace("_", "").replace("-", ""));
    if (javaName == null) {
      throw new SqlScriptException(
          lexer.source(),
          line,
          "client encoding "
              + pgName
              + " is not supported; use one of"
              + " UTF8, LATIN1, LATIN9, WIN1252, SQL_ASCII",
          null);
    }
    return Charset.forName(javaName);
  }

  private SqlScriptException failed(Statement statement, SQLException e) {
    String sql = statement.sql();
    String excerpt = sql.length() > 200 ? sql.substring(0, 200) + " ..." : sql;
    return new SqlScriptException(
        lexer.source(), statement.line(), e.getMessage() + "\n  in statement: " + excerpt, e);
  }
}
