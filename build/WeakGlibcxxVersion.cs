// Makes TorchSharp's native library load where libstdc++ predates GCC 13 (Debian 12, Ubuntu 22.04 stop at
// GLIBCXX_3.4.30). libLibTorchSharp.so 0.107.0 needs GLIBCXX_3.4.32 for one symbol only,
// std::ios_base_library_init(): GCC 13's <iostream> references it so that programs link against a new enough
// libstdc++, and nothing ever calls it (the library has no relocation against it).
//
// Two one-byte edits, in managed code so that a build needs nothing but the .NET SDK:
//  - the version need in .gnu.version_r gets VER_FLG_WEAK, so the loader accepts a libstdc++ without it;
//  - every undefined dynamic symbol bound to that version becomes STB_WEAK, so nothing needs defining it.
// Both are harmless where the host has the version, so the copies in build outputs are always patched and a
// build's output does not depend on the machine that made it.
//
// This file is compiled twice: by MSBuild's RoslynCodeTaskFactory for build/LibTorchSharpGlibcxx.targets
// (with the task class), and into the tests with VOCABTRIM_ELF_PATCH_TESTS defined (without it).

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace VocabTrim.Build
{
    public enum WeakVersionOutcome { Patched, AlreadyWeak, VersionAbsent }

    /// <summary>The result of weakening one version need of an ELF64 little-endian shared library.</summary>
    public sealed class WeakVersionResult
    {
        public WeakVersionOutcome Outcome { get; set; }
        public int SymbolsWeakened { get; set; }
    }

    public static class WeakGlibcxxVersion
    {
        public const string TorchSharpVersion = "GLIBCXX_3.4.32";

        private const uint ShtDynsym = 11;
        private const uint ShtGnuVerneed = 0x6FFFFFFE;
        private const uint ShtGnuVersym = 0x6FFFFFFF;
        private const ushort VerFlgWeak = 0x2;
        private const int StbGlobal = 1;
        private const int StbWeak = 2;
        private const int SymbolSize = 24; // Elf64_Sym

        /// <summary>
        /// Edits <paramref name="elf"/> in place; throws InvalidDataException for what is not an ELF64 LE file.
        /// </summary>
        public static WeakVersionResult Apply(byte[] elf, string version)
        {
            if (elf.Length < 64 || elf[0] != 0x7F || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException("not a 64-bit little-endian ELF file");

            var sections = ReadSections(elf);
            var verneed = sections.Find(s => s.Type == ShtGnuVerneed);
            if (verneed == null)
                return new WeakVersionResult { Outcome = WeakVersionOutcome.VersionAbsent };
            var strings = sections[(int)verneed.Link];

            var (auxOffset, versionIndex) = FindVersionNeed(elf, verneed, strings, version);
            if (auxOffset < 0)
                return new WeakVersionResult { Outcome = WeakVersionOutcome.VersionAbsent };

            var flags = U16(elf, auxOffset + 4);
            var wasWeak = (flags & VerFlgWeak) != 0;
            W16(elf, auxOffset + 4, (ushort)(flags | VerFlgWeak));

            var weakened = WeakenUndefinedSymbols(elf, sections, versionIndex);
            return new WeakVersionResult
            {
                Outcome = wasWeak && weakened == 0 ? WeakVersionOutcome.AlreadyWeak : WeakVersionOutcome.Patched,
                SymbolsWeakened = weakened,
            };
        }

        /// <summary>Patches a file by writing a new file beside it and renaming it over: the output may be a hard link
        /// into the NuGet cache, which must stay as it is.</summary>
        public static WeakVersionResult ApplyToFile(string path, string version)
        {
            var bytes = File.ReadAllBytes(path);
            WeakVersionResult result;
            try { result = Apply(bytes, version); }
            catch (InvalidDataException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
            if (result.Outcome != WeakVersionOutcome.Patched)
                return result;
            var temporary = path + ".vocabtrim-patch-" + Guid.NewGuid().ToString("N");
            try
            {
                File.WriteAllBytes(temporary, bytes);
                File.Replace(temporary, path, null);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            return result;
        }

        private sealed class Section
        {
            public uint Type;
            public long Offset;
            public long Size;
            public uint Link;
            public uint Info;
        }

        private static List<Section> ReadSections(byte[] elf)
        {
            var shoff = checked((long)U64(elf, 0x28));
            var shentsize = U16(elf, 0x3A);
            var shnum = U16(elf, 0x3C);
            if (shentsize < 64 || shoff + (long)shnum * shentsize > elf.Length)
                throw new InvalidDataException("section headers lie outside the file");
            var sections = new List<Section>(shnum);
            for (var i = 0; i < shnum; i++)
            {
                var h = (int)(shoff + (long)i * shentsize);
                var section = new Section
                {
                    Type = U32(elf, h + 4),
                    Offset = checked((long)U64(elf, h + 24)),
                    Size = checked((long)U64(elf, h + 32)),
                    Link = U32(elf, h + 40),
                    Info = U32(elf, h + 44),
                };
                if (section.Type != 8 /* SHT_NOBITS */ && section.Offset + section.Size > elf.Length)
                    throw new InvalidDataException($"section {i} lies outside the file");
                sections.Add(section);
            }
            return sections;
        }

        // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
        // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
        private static (int AuxOffset, ushort VersionIndex) FindVersionNeed(
            byte[] elf, Section verneed, Section strings, string version)
        {
            var need = (int)verneed.Offset;
            for (var n = 0; n < verneed.Info; n++)
            {
                var count = U16(elf, need + 2);
                var aux = need + (int)U32(elf, need + 8);
                for (var a = 0; a < count; a++)
                {
                    var name = ReadString(elf, strings, U32(elf, aux + 8));
                    if (name == version)
                        return (aux, U16(elf, aux + 6));
                    aux += (int)U32(elf, aux + 12);
                }
                var next = (int)U32(elf, need + 12);
                if (next == 0) break;
                need += next;
            }
            return (-1, 0);
        }

        private static int WeakenUndefinedSymbols(byte[] elf, List<Section> sections, ushort versionIndex)
        {
            var dynsym = sections.Find(s => s.Type == ShtDynsym);
            var versym = sections.Find(s => s.Type == ShtGnuVersym);
            if (dynsym == null || versym == null)
                return 0;
            var symbols = dynsym.Size / SymbolSize;
            if (versym.Size / 2 != symbols)
                throw new InvalidDataException(".gnu.version does not have one entry per dynamic symbol");
            var weakened = 0;
            for (var i = 1; i < symbols; i++)
            {
                if ((U16(elf, (int)(versym.Offset + 2 * i)) & 0x7FFF) != versionIndex)
                    continue;
                var symbol = (int)(dynsym.Offset + i * SymbolSize);
                var info = elf[symbol + 4];
                var undefined = U16(elf, symbol + 6) == 0; // st_shndx == SHN_UNDEF
                if (undefined && info >> 4 == StbGlobal)
                {
                    elf[symbol + 4] = (byte)((StbWeak << 4) | (info & 0xF));
                    weakened++;
                }
            }
            return weakened;
        }

        private static string ReadString(byte[] elf, Section strings, uint offset)
        {
            var start = (int)(strings.Offset + offset);
            var end = Array.IndexOf(elf, (byte)0, start);
            if (end < 0 || end > strings.Offset + strings.Size)
                throw new InvalidDataException("a version name runs past its string table");
            return Encoding.ASCII.GetString(elf, start, end - start);
        }

        // Written out rather than BinaryPrimitives: MSBuild compiles inline tasks against netstandard2.0.
        private static ushort U16(byte[] b, int at) => (ushort)(Byte(b, at) | Byte(b, at + 1) << 8);
        private static uint U32(byte[] b, int at) => U16(b, at) | (uint)U16(b, at + 2) << 16;
        private static ulong U64(byte[] b, int at) => U32(b, at) | (ulong)U32(b, at + 4) << 32;

        private static void W16(byte[] b, int at, ushort v)
        {
            b[at] = (byte)v;
            b[at + 1] = (byte)(v >> 8);
        }

        private static byte Byte(byte[] b, int at) =>
            at >= 0 && at < b.Length ? b[at] : throw new InvalidDataException($"offset {at} lies outside the file");
    }

#if !VOCABTRIM_ELF_PATCH_TESTS
    /// <summary>The MSBuild task: weakens the version need in each library given.</summary>
    public sealed class WeakenGlibcxxVersionNeed : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Libraries { get; set; } =
            Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        public override bool Execute()
        {
            foreach (var library in Libraries)
            {
                var path = library.GetMetadata("FullPath");
                try
                {
                    var result = WeakGlibcxxVersion.ApplyToFile(path, WeakGlibcxxVersion.TorchSharpVersion);
                    if (result.Outcome == WeakVersionOutcome.Patched)
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                            $"{path}: {WeakGlibcxxVersion.TorchSharpVersion} made weak " +
                            $"({result.SymbolsWeakened} symbol(s))");
                }
                catch (Exception e) when (e is IOException || e is InvalidDataException
                                           || e is UnauthorizedAccessException || e is OverflowException)

                {
                    Log.LogError($"{path}: cannot make {WeakGlibcxxVersion.TorchSharpVersion} weak: {e.Message}");
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
