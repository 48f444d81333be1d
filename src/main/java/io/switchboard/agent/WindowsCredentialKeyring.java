package io.switchboard.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Windows Credential Manager (docs/decisions/team-access-07-keyring-on-macos-and-windows.md): one generic credential
 * per login and server, target {@code Switchboard:<server>:<login>}, its blob the password in UTF-16 (as Windows' own
 * tools keep it), persisted on this machine for this user. Reached through CredWrite / CredRead / CredDelete of
 * advapi32.dll from Windows PowerShell ({@code powershell.exe -NoProfile -NonInteractive -Command -}), a small P/Invoke
 * class added with Add-Type: no native library in the app. The whole script goes on standard input; every value in it
 * (target, login, password) is base64 inside a single-quoted literal, so no character of a login or password can
 * change the script, and none is ever an argument or in a file. Answers come back as one marked line of ASCII.
 */
public final class WindowsCredentialKeyring implements PasswordKeyring {
    static final String EXE = "powershell.exe";
    static final List<String> ARGS = List.of("-NoProfile", "-NonInteractive", "-Command", "-");
    static final String TARGET_PREFIX = "Switchboard:";
    /** The line of the script's output that carries the answer; everything else PowerShell prints is ignored. */
    static final String MARK = "SWITCHBOARD-KEYRING ";
    /** CRED_MAX_CREDENTIAL_BLOB_SIZE (5 * 512 bytes) in UTF-16 characters. */
    static final int MAX_PASSWORD_CHARS = 1280;
    static final int ERROR_NOT_FOUND = 1168;
    static final int ERROR_NO_SUCH_LOGON_SESSION = 1312;
    /** Starting PowerShell and compiling the P/Invoke class takes seconds on a busy machine. */
    private static final Duration PROBE = Duration.ofSeconds(20);
    private static final Duration USE = Duration.ofSeconds(60);

    /** C# 5 (what Windows PowerShell 5.1 compiles), on one line, with no single quote: it sits in a PowerShell '…' literal. */
    static final String CREDENTIALS_CLASS = "using System; using System.Runtime.InteropServices; using System.Text;"
            + " public static class SwitchboardCredentials {"
            + " [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)] private struct CREDENTIAL { public int Flags; public int Type;"
            + " public string TargetName; public string Comment; public System.Runtime.InteropServices.ComTypes.FILETIME LastWritten;"
            + " public int CredentialBlobSize; public IntPtr CredentialBlob; public int Persist; public int AttributeCount;"
            + " public IntPtr Attributes; public string TargetAlias; public string UserName; }"
            + " [DllImport(\"advapi32.dll\", EntryPoint = \"CredWriteW\", CharSet = CharSet.Unicode, SetLastError = true)]"
            + " private static extern bool CredWrite(ref CREDENTIAL credential, int flags);"
            + " [DllImport(\"advapi32.dll\", EntryPoint = \"CredReadW\", CharSet = CharSet.Unicode, SetLastError = true)]"
            + " private static extern bool CredRead(string target, int type, int flags, out IntPtr credential);"
            + " [DllImport(\"advapi32.dll\", EntryPoint = \"CredDeleteW\", CharSet = CharSet.Unicode, SetLastError = true)]"
            + " private static extern bool CredDelete(string target, int type, int flags);"
            + " [DllImport(\"advapi32.dll\")] private static extern void CredFree(IntPtr buffer);"
            // CRED_TYPE_GENERIC = 1; CRED_PERSIST_LOCAL_MACHINE = 2; ERROR_NOT_FOUND = 1168.
            + " public static string Read(string target) { IntPtr p; if (!CredRead(target, 1, 0, out p)) {"
            + " int e = Marshal.GetLastWin32Error(); return e == 1168 ? \"NOTFOUND\" : \"ERROR \" + e; }"
            + " try { CREDENTIAL c = (CREDENTIAL) Marshal.PtrToStructure(p, typeof(CREDENTIAL)); byte[] b = new byte[c.CredentialBlobSize];"
            + " if (b.Length > 0) { Marshal.Copy(c.CredentialBlob, b, 0, b.Length); }"
            + " return \"FOUND \" + Convert.ToBase64String(Encoding.UTF8.GetBytes(Encoding.Unicode.GetString(b))); } finally { CredFree(p); } }"
            + " public static string Write(string target, string user, string secret) { byte[] b = Encoding.Unicode.GetBytes(secret);"
            + " CREDENTIAL c = new CREDENTIAL(); c.Type = 1; c.TargetName = target; c.UserName = user; c.Persist = 2;"
            + " c.CredentialBlobSize = b.Length; c.CredentialBlob = Marshal.AllocHGlobal(b.Length);"
            + " try { Marshal.Copy(b, 0, c.CredentialBlob, b.Length); return CredWrite(ref c, 0) ? \"OK\" : \"ERROR \" + Marshal.GetLastWin32Error(); }"
            + " finally { Marshal.FreeHGlobal(c.CredentialBlob); } }"
            + " public static string Delete(string target) { if (CredDelete(target, 1, 0)) { return \"OK\"; }"
            + " int e = Marshal.GetLastWin32Error(); return e == 1168 ? \"NOTFOUND\" : \"ERROR \" + e; } }";

    private final KeyringTool tool;

    public WindowsCredentialKeyring(Path powershell, Map<String, String> environment) {
        this.tool = new KeyringTool(powershell, environment);
    }

    /** Windows PowerShell where Windows keeps it (%SystemRoot%), else the first powershell.exe on the PATH; empty if none. */
    public static Optional<Path> locate(Map<String, String> environment) {
        String root = environment.getOrDefault("SystemRoot", environment.get("SYSTEMROOT"));
        if (root != null && !root.isBlank()) {
            Path system = Path.of(root, "System32", "WindowsPowerShell", "v1.0", EXE);
            if (Files.isExecutable(system)) {
                return Optional.of(system);
            }
        }
        return KeyringTool.onPath(EXE, environment);
    }

    /** The system's Credential Manager, or a keyring that says why there is none. */
    static PasswordKeyring of(Map<String, String> environment) {
        return locate(environment).<PasswordKeyring>map(p -> new WindowsCredentialKeyring(p, environment))
                .orElseGet(() -> PasswordKeyring.unavailable("No system keyring: Windows PowerShell (powershell.exe) was not found, so the"
                        + " Credential Manager cannot be asked; the password is typed at each sign-in."));
    }

    @Override
    public Status status() {
        Answer a;
        try {
            a = ask(PROBE, "[SwitchboardCredentials]::Read($t)", target("probe", "availability"));
        } catch (KeyringException e) {
            return new Status(false, "No system keyring: " + e.getMessage());
        }
        if (a.is("FOUND") || a.is("NOTFOUND")) {
            return new Status(true, "Kept by the Windows Credential Manager; removed when you press Forget or when it is refused.");
        }
        if (a.error() == ERROR_NO_SUCH_LOGON_SESSION) {
            return new Status(false, "The Windows Credential Manager is not available in this logon session (a service or a session"
                    + " without a user profile); the password is typed at each sign-in.");
        }
        return new Status(false, "The Windows Credential Manager does not answer (" + a.describe() + "); the password is typed at each sign-in.");
    }

    @Override
    public Optional<String> lookup(String server, String login) {
        Answer a = ask(USE, "[SwitchboardCredentials]::Read($t)", target(server, login));
        if (a.is("NOTFOUND")) {
            return Optional.empty();
        }
        if (!a.is("FOUND")) {
            throw new KeyringException("The Windows Credential Manager did not answer (" + a.describe() + ").");
        }
        String password = decode(a.value());
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    @Override
    public void store(String server, String login, String password) {
        if (password.length() > MAX_PASSWORD_CHARS) {
            throw new KeyringException("The Windows Credential Manager keeps at most " + MAX_PASSWORD_CHARS + " characters of a password.");
        }
        Answer a = ask(USE, "[SwitchboardCredentials]::Write($t, $u, $p)", target(server, login), login, password);
        if (!a.is("OK")) {
            throw new KeyringException("The Windows Credential Manager did not keep the password (" + a.describe() + ").");
        }
    }

    @Override
    public void forget(String server, String login) {
        Answer a = ask(USE, "[SwitchboardCredentials]::Delete($t)", target(server, login));
        if (!a.is("OK") && !a.is("NOTFOUND")) {
            throw new KeyringException("The Windows Credential Manager did not remove the password (" + a.describe() + ").");
        }
    }

    static String target(String server, String login) {
        return TARGET_PREFIX + server + ":" + login;
    }

    /**
     * The script for one call: the class, then {@code $t}, {@code $u}, {@code $p} (target, user, password: those given),
     * each decoded from base64, then {@code call}; its answer, or why it failed, printed after {@link #MARK}. One line,
     * so PowerShell runs it as one statement when it reads it from standard input.
     */
    static String script(String call, String... values) {
        String[] names = {"$t", "$u", "$p"};
        StringBuilder s = new StringBuilder("$ErrorActionPreference = 'Stop'; try { Add-Type -TypeDefinition '")
                .append(CREDENTIALS_CLASS).append("'; ");
        for (int i = 0; i < values.length; i++) {
            s.append(names[i]).append(" = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('")
                    .append(Base64.getEncoder().encodeToString(values[i].getBytes(StandardCharsets.UTF_8))).append("')); ");
        }
        return s.append("[Console]::Out.WriteLine('").append(MARK).append("' + ").append(call).append(") }")
                .append(" catch { [Console]::Out.WriteLine('").append(MARK).append("FAILED ' + [Convert]::ToBase64String(")
                .append("[Text.Encoding]::UTF8.GetBytes($_.Exception.Message))) }\n\n").toString();
    }

    private Answer ask(Duration timeout, String call, String... values) {
        KeyringTool.Result r = tool.run(timeout, script(call, values), ARGS);
        for (String line : r.out().split("\r?\n")) {
            if (line.startsWith(MARK)) {
                return Answer.parse(line.substring(MARK.length()).strip());
            }
        }
        String why = r.err().isBlank() ? "exit status " + r.exit() : KeyringTool.firstLine(r.err(), EXE);
        throw new KeyringException("Windows PowerShell gave no answer (" + why + ")");
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new KeyringException("Windows PowerShell answered in an unexpected form.");
        }
    }

    /** "FOUND <base64>", "NOTFOUND", "OK", "ERROR <win32 code>" or "FAILED <base64 message>". */
    private record Answer(String word, String value) {
        static Answer parse(String text) {
            int space = text.indexOf(' ');
            return space < 0 ? new Answer(text, "") : new Answer(text.substring(0, space), text.substring(space + 1).strip());
        }

        boolean is(String w) {
            return word.equals(w);
        }

        int error() {
            try {
                return is("ERROR") ? Integer.parseInt(value) : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        String describe() {
            if (is("ERROR")) {
                return "Windows error " + value;
            }
            if (is("FAILED")) {
                String message = decode(value).strip();
                int nl = message.indexOf('\n');
                return nl < 0 ? message : message.substring(0, nl).strip();
            }
            return "unexpected answer " + word;
        }
    }
}
