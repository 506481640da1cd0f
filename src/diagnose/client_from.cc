#include "diagnose/client_from.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "catalog/profiles.h"
#include "diagnose/fix_data.h"
#include "diagnose/snippet.h"

namespace tlsd::diagnose {
namespace fs = std::filesystem;
namespace {

constexpr int kCommandSeconds = 20;
constexpr std::uintmax_t kMaxFileBytes = 1 << 20;  // a go.mod or java.security is far smaller

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\r\n"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

Result<std::string> read_small_file(const fs::path& path) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return Error::usage("cannot read " + path.string() + ": " + ec.message());
  if (size > kMaxFileBytes)
    return Error::usage(path.string() + " is too large to be a configuration file");
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// "go1.22.3" or "1.22" -> "1.22"
std::string minor_version(std::string v) {
  if (v.starts_with("go")) v = v.substr(2);
  size_t first = v.find('.');
  size_t second =
      first == std::string::npos ? std::string::npos : v.find_first_not_of("0123456789", first + 1);
  return v.substr(0, second);
}

// The profile of `stack` for `version`: exact, else the newest one not newer
// than it, else the oldest; a note says when it is not exact.
std::string nearest_profile(const std::string& stack, const std::string& version,
                            std::vector<std::string>& notes) {
  std::vector<const catalog::Profile*> versions;
  for (const catalog::Profile& p : catalog::ProfileSet::get().all())
    if (p.stack == stack && p.id == stack + "-" + p.version) versions.push_back(&p);
  if (versions.empty()) return "";
  std::sort(versions.begin(), versions.end(),
            [](auto* a, auto* b) { return compare_versions(a->version, b->version) < 0; });
  const catalog::Profile* best = versions.front();
  for (const catalog::Profile* p : versions)
    if (compare_versions(p->version, version) <= 0) best = p;
  if (compare_versions(best->version, version) != 0)
    notes.push_back("no profile for " + stack + " " + version + "; using the nearest, " + best->id);
  return best->id;
}

// Applies knobs to `id`: each combination the profile names at once, else one by one.
std::string with_settings(const std::string& id, std::vector<std::string> settings,
                          const std::string& prefix, std::vector<std::string>& notes) {
  const catalog::Profile* profile = catalog::ProfileSet::get().find(id);
  std::string spec = id;
  // Only settings some knob names can be applied; the rest are noted below.
  std::vector<std::string> unknown;
  std::erase_if(settings, [&](const std::string& s) {
    bool named =
        std::any_of(profile->knobs.begin(), profile->knobs.end(), [&](const catalog::Knob& k) {
          return k.name.starts_with(prefix) &&
                 ("," + k.name.substr(prefix.size()) + ",").find("," + s + ",") !=
                     std::string::npos;
        });
    if (!named) unknown.push_back(s);
    return !named;
  });
  // Largest combinations first: a knob's `set` replaces whole lists, so two
  // knobs touching the suites must be the one combined knob, and a knob that
  // would overwrite what an applied one set is left out (and said so). Knobs
  // name a handful of settings, so the subsets stay few.
  std::set<std::string> paths;  // what the applied knobs set
  auto apply = [&](const std::string& name) {
    auto knob = std::find_if(profile->knobs.begin(), profile->knobs.end(),
                             [&](const catalog::Knob& k) { return k.name == name; });
    if (knob == profile->knobs.end()) return false;
    for (const auto& [path, value] : knob->set.items())
      if (paths.count(path)) {
        notes.push_back(name + " also sets " + path +
                        ", as an applied knob does: not modelled together");
        return true;  // consumed, not applied
      }
    for (const auto& [path, value] : knob->set.items()) paths.insert(path);
    spec += "+" + name;
    return true;
  };
  for (size_t size = settings.size(); size > 0 && !settings.empty() && settings.size() < 16;
       --size) {
    for (uint32_t mask = 0; mask < (1u << settings.size()); ++mask) {
      if (static_cast<size_t>(__builtin_popcount(mask)) != size) continue;
      std::string joined;
      for (size_t i = 0; i < settings.size(); ++i)
        if (mask & (1u << i)) joined += (joined.empty() ? "" : ",") + settings[i];
      if (!apply(prefix + joined)) continue;
      std::vector<std::string> rest;
      for (size_t i = 0; i < settings.size(); ++i)
        if (!(mask & (1u << i))) rest.push_back(settings[i]);
      settings = rest;
      size = settings.size() + 1;
      break;
    }
  }
  settings.insert(settings.end(), unknown.begin(), unknown.end());
  for (const std::string& s : settings)
    notes.push_back(prefix + s + " is set, but " + id + " has no such knob: not modelled");
  return spec;
}

// --- Go ------------------------------------------------------------------

struct GoMod {
  std::string go, toolchain;
  std::vector<std::string> godebug;
};

GoMod parse_go_mod(const std::string& text) {
  GoMod mod;
  bool in_godebug = false;
  for (std::string line : lines_of(text)) {
    line = trim(line.substr(0, line.find("//")));
    if (in_godebug) {
      if (line == ")")
        in_godebug = false;
      else if (!line.empty())
        mod.godebug.push_back(line);
      continue;
    }
    if (line.starts_with("go "))
      mod.go = trim(line.substr(3));
    else if (line.starts_with("toolchain "))
      mod.toolchain = trim(line.substr(10));
    else if (line == "godebug (")
      in_godebug = true;
    else if (line.starts_with("godebug "))
      mod.godebug.push_back(trim(line.substr(8)));
  }
  return mod;
}

std::vector<std::string> split_settings(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (!trim(item).empty()) out.push_back(trim(item));
  return out;
}

Result<LocalClient> from_go_module(const fs::path& dir, const CommandRunner& run) {
  LocalClient out;
  auto text = read_small_file(dir / "go.mod");
  if (!text) return text.error();
  GoMod mod = parse_go_mod(*text);
  std::string go_line = mod.go.empty() ? "1.16" : mod.go;
  if (mod.go.empty()) out.notes.push_back("go.mod has no go line: Go treats it as go 1.16");

  // The toolchain: the local one, unless go.mod asks for a newer one
  // (GOTOOLCHAIN=auto, the default, switches to it).
  std::string local =
      trim(run("cd " + quote(dir.string(), "shell") + " && GOTOOLCHAIN=local go env GOVERSION"));
  std::string toolchain = local.starts_with("go") ? local.substr(2) : "";
  if (toolchain.empty())
    out.notes.push_back("no local go toolchain answered; using go.mod's lines");
  for (const std::string& wanted :
       {go_line, mod.toolchain.starts_with("go") ? mod.toolchain.substr(2) : ""})
    if (!wanted.empty() && (toolchain.empty() || compare_versions(wanted, toolchain) > 0))
      toolchain = wanted;
  out.notes.push_back("toolchain go" + toolchain + (local.empty() ? "" : " (local " + local + ")") +
                      ", go.mod go line " + go_line);

  // GODEBUG: go.mod godebug lines, then //go:debug lines, then $GODEBUG.
  std::vector<std::string> overrides = mod.godebug;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".go") continue;
    auto source = read_small_file(e.path());
    if (!source) continue;
    for (const std::string& line : lines_of(*source))
      if (line.starts_with("//go:debug ")) overrides.push_back(trim(line.substr(11)));
  }
  if (const char* env = std::getenv("GODEBUG")) {
    for (const std::string& s : split_settings(env)) overrides.push_back(s);
    out.notes.push_back(std::string("GODEBUG from the environment: ") + env);
  }
  std::vector<std::string> settings = effective_godebug(toolchain, go_line, overrides);
  std::string id = nearest_profile("go", minor_version(toolchain), out.notes);
  if (id.empty()) return Error::usage("no Go profile is known");
  out.spec = with_settings(id, settings, "GODEBUG=", out.notes);
  return out;
}

// --- OpenSSL -------------------------------------------------------------

Result<LocalClient> from_openssl_cnf(const fs::path& file, const CommandRunner& run) {
  LocalClient out;
  auto text = read_small_file(file);
  if (!text) return text.error();
  std::string version = trim(run("openssl version"));  // "OpenSSL 3.0.19 27 Jan 2026 (...)"
  std::string number =
      version.starts_with("OpenSSL ") ? version.substr(8, version.find(' ', 8) - 8) : "";
  if (number.empty()) return Error::usage("no local openssl answered 'openssl version'");
  out.notes.push_back("local " + version.substr(0, version.find(" (")));
  std::string seclevel, options;
  for (std::string line : lines_of(*text)) {
    line = trim(line.substr(0, line.find('#')));
    if (size_t at = line.find("@SECLEVEL=");
        line.starts_with("CipherString") && at != std::string::npos)
      seclevel = line.substr(at + 10, 1);
    if (line.starts_with("Options") && line.find("UnsafeLegacyServerConnect") != std::string::npos)
      options = "Options = UnsafeLegacyServerConnect";
  }
  std::string minor = number.substr(0, number.rfind('.'));
  if (minor == "1.1") minor = "1.1.1";
  // Debian's build is the one that ships SECLEVEL=2 in its openssl.cnf.
  std::string id = nearest_profile("openssl", minor, out.notes);
  if (seclevel == "2" && catalog::ProfileSet::get().find(id + "-debian")) id += "-debian";
  if (id.empty()) return Error::usage("no OpenSSL profile is known");
  std::vector<std::string> knobs;
  if (!seclevel.empty() && seclevel != "2")
    knobs.push_back("CipherString = DEFAULT@SECLEVEL=" + seclevel);
  if (!options.empty()) knobs.push_back(options);
  out.spec = id;
  for (const std::string& k : knobs)
    out.spec += with_settings(id, {k}, "", out.notes).substr(id.size());
  return out;
}

// --- Java ----------------------------------------------------------------

// java.security values continue over lines ending in a backslash.
std::string property(const std::string& text, const std::string& key) {
  std::string value;
  bool in_value = false;
  for (std::string line : lines_of(text)) {
    std::string t = trim(line);
    if (!in_value) {
      if (!t.starts_with(key + "=") && !t.starts_with(key + " ")) continue;
      t = trim(t.substr(t.find('=') + 1));
      in_value = true;
    }
    bool more = !t.empty() && t.back() == '\\';
    if (more) t.pop_back();
    value += trim(t) + (more ? " " : "");
    if (!more) break;
  }
  return trim(value);
}

std::string normalize_list(const std::string& list) {
  std::string out;
  for (const std::string& item : split_settings(list)) out += (out.empty() ? "" : ", ") + item;
  return out;
}

Result<LocalClient> from_jdk(const fs::path& home) {
  LocalClient out;
  auto release = read_small_file(home / "release");
  if (!release) return release.error();
  std::string version = property(*release, "JAVA_VERSION");
  version.erase(std::remove(version.begin(), version.end(), '"'), version.end());
  if (version.starts_with("1.8")) version = "8";
  std::string major = version.substr(0, version.find('.'));
  std::string id = nearest_profile("java", major, out.notes);
  if (id.empty()) return Error::usage("no Java profile is known");
  out.notes.push_back("JDK " + version);
  out.spec = id;
  auto security = read_small_file(home / "conf" / "security" / "java.security");
  if (!security) {
    out.notes.push_back("no conf/security/java.security: the profile's defaults apply");
    return out;
  }
  std::string disabled = normalize_list(property(*security, "jdk.tls.disabledAlgorithms"));
  const catalog::Profile* profile = catalog::ProfileSet::get().find(id);
  for (const catalog::Knob& k : profile->knobs)
    if (k.name.starts_with("jdk.tls.disabledAlgorithms=") &&
        normalize_list(k.name.substr(27)) == disabled) {
      out.spec += "+" + k.name;
      return out;
    }
  out.notes.push_back("jdk.tls.disabledAlgorithms=" + disabled +
                      " (the profile's own list is used; an edited list is modelled only when it "
                      "matches one of " +
                      id + "'s knobs)");
  return out;
}

}  // namespace

std::string run_command(const std::string& command) {
  std::string full = "timeout " + std::to_string(kCommandSeconds) + " sh -c " +
                     quote(command, "shell") + " 2>/dev/null";
  FILE* pipe = popen(full.c_str(), "r");
  if (!pipe) return "";
  std::string out;
  std::array<char, 4096> buf;
  for (size_t n; (n = fread(buf.data(), 1, buf.size(), pipe)) > 0 && out.size() < kMaxFileBytes;)
    out.append(buf.data(), n);
  pclose(pipe);
  return out;
}

std::vector<std::string> effective_godebug(const std::string& toolchain, const std::string& go_line,
                                           const std::vector<std::string>& overrides) {
  std::string baseline = go_line;
  std::map<std::string, std::string> set;  // explicit settings, last wins
  std::vector<std::string> order;
  for (const std::string& o : overrides) {
    size_t eq = o.find('=');
    if (eq == std::string::npos) continue;
    std::string key = o.substr(0, eq), value = o.substr(eq + 1);
    if (key == "default") {
      baseline = value.starts_with("go") ? value.substr(2) : value;
      continue;
    }
    if (!set.count(key)) order.push_back(key);
    set[key] = value;
  }
  std::vector<std::string> out;
  for (const GoDebugSetting& g : FixKnowledge::get().go_godebug()) {
    if (compare_versions(toolchain, g.changed) < 0)
      continue;  // this toolchain predates the setting
    if (!g.until.empty() && compare_versions(toolchain, g.until) >= 0) continue;
    std::string value = compare_versions(baseline, g.changed) < 0 ? g.old : "";
    if (auto it = set.find(g.setting); it != set.end()) value = it->second == g.old ? g.old : "";
    if (!value.empty()) out.push_back(g.setting + "=" + value);
  }
  for (const std::string& key : order) {
    bool tabled = std::any_of(FixKnowledge::get().go_godebug().begin(),
                              FixKnowledge::get().go_godebug().end(),
                              [&](const GoDebugSetting& g) { return g.setting == key; });
    if (!tabled) out.push_back(key + "=" + set[key]);
  }
  return out;
}

Result<LocalClient> profile_from_environment(const std::string& path, const CommandRunner& run) {
  std::error_code ec;
  fs::path p(path);
  if (!fs::exists(p, ec)) return Error::usage("--client-from: " + path + " does not exist");
  if (fs::is_regular_file(p, ec) && p.filename() == "go.mod")
    return from_go_module(p.parent_path(), run);
  if (fs::is_directory(p, ec) && fs::exists(p / "go.mod", ec)) return from_go_module(p, run);
  if (fs::is_directory(p, ec) && fs::exists(p / "release", ec)) return from_jdk(p);
  if (fs::is_regular_file(p, ec) && p.extension() == ".cnf") return from_openssl_cnf(p, run);
  return Error::usage("--client-from: " + path +
                      " is not a Go module directory, a JDK home or an openssl.cnf");
}

}  // namespace tlsd::diagnose
