# marsad_embed_file(<target> <symbol> <file>)
# Links the bytes of <file> into <target> as the symbols
# marsad_embedded_<symbol>_begin / _end (see common/embedded.h), so that data
# the program needs travels inside the binary.
function(marsad_embed_file target symbol file)
  set(asm "${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.S")
  file(WRITE "${asm}.in"
"    .section .rodata
    .balign 16
    .global marsad_embedded_${symbol}_begin
    .global marsad_embedded_${symbol}_end
marsad_embedded_${symbol}_begin:
    .incbin \"${file}\"
marsad_embedded_${symbol}_end:
    .byte 0
    .section .note.GNU-stack,\"\",%progbits
")
  configure_file("${asm}.in" "${asm}" COPYONLY)
  set_source_files_properties("${asm}" PROPERTIES OBJECT_DEPENDS "${file}")
  target_sources(${target} PRIVATE "${asm}")
endfunction()
