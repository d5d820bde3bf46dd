#!/usr/bin/env python3
"""Marks one symbol version that an ELF64 little-endian shared library needs as weak.

Usage: elf_weak_version.py LIBRARY VERSION
Sets VER_FLG_WEAK (2) in the Vernaux entry of .gnu.version_r (SHT_GNU_verneed) whose name is VERSION, so
that the dynamic loader accepts a libstdc++ without that version instead of refusing to load the library.
Prints 'patched', 'already weak' or 'absent'; exits non-zero for files it cannot read.
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def main(path: str, version: str) -> int:
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            print(f"{path}: not an ELF64 little-endian file", file=sys.stderr)
            return 2
        e_shoff, = struct.unpack_from("<Q", data, 0x28)
        e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)

        def section(i):
            # Elf64_Shdr: name, type, flags, addr, offset, size, link, info, addralign, entsize
            return struct.unpack_from("<IIQQQQIIQQ", data, e_shoff + i * e_shentsize)

        for i in range(e_shnum):
            _, sh_type, _, _, sh_offset, _, sh_link, sh_info, _, _ = section(i)
            if sh_type != SHT_GNU_VERNEED:
                continue
            strtab_offset = section(sh_link)[4]
            need = sh_offset
            for _ in range(sh_info):  # sh_info = number of Verneed entries
                _, vn_cnt, _, vn_aux, vn_next = struct.unpack_from("<HHIII", data, need)
                aux = need + vn_aux
                for _ in range(vn_cnt):
                    _, vna_flags, _, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                    start = strtab_offset + vna_name
                    name = bytes(data[start:data.index(b"\0", start)]).decode()
                    if name == version:
                        if vna_flags & VER_FLG_WEAK:
                            print("already weak")
                            return 0
                        struct.pack_into("<H", data, aux + 4, vna_flags | VER_FLG_WEAK)
                        f.seek(0)
                        f.write(data)
                        print("patched")
                        return 0
                    aux += vna_next
                need += vn_next
        print("absent")
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
